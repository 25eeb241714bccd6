/** Changes a warehouse's code, name or address, with an updated event listing what changed (nothing changed writes nothing). */
import { changedFields } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import { normaliseCode } from "../../codes";
import type { Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { settingsRepository } from "../settings/settings.repository";
import { checkCodeFree } from "./check-code";
import { warehouseWasUpdated } from "./warehouse-events";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto, updatableWarehouseFields, type UpdateWarehouseInput, type WarehouseDto } from "./warehouse.schemas";

/**
 * @throws AppError 404 NOT_FOUND; 409 CONFLICT naming the warehouse that has the new code (a
 *   concurrent change taking it is the update's unique violation, which the caller maps)
 */
export async function updateWarehouse(tx: Tx, scope: Scope, input: { id: string; changes: UpdateWarehouseInput }): Promise<WarehouseDto> {
  const { organizationId } = scope;
  const { id, changes } = input;
  const repository = warehouseRepository(tx);
  const row = await repository.find(organizationId, id);
  if (!row) throw notFound("Warehouse");
  const { defaultWarehouseId } = await settingsRepository(tx).read(organizationId);
  const before = toWarehouseDto(row, defaultWarehouseId);
  const changed = changedFields(before, { ...before, ...changes }, updatableWarehouseFields);
  if (changed.length === 0) return before;
  if (changes.code !== undefined && normaliseCode(changes.code) !== normaliseCode(row.code)) await checkCodeFree(tx, organizationId, changes.code);
  const updated = await repository.update(organizationId, id, {
    ...changes,
    // A cleared address is SQL NULL, not JSON null.
    address: changes.address === null ? Prisma.DbNull : changes.address,
  });
  const warehouse = toWarehouseDto(updated, defaultWarehouseId);
  await warehouseWasUpdated(tx, scope, warehouse, changed);
  return warehouse;
}
