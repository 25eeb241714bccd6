/** Changes a warehouse's code, name or address. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { settingsRepository } from "../settings/settings.repository";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto, type UpdateWarehouseInput, type WarehouseDto } from "./warehouse.schemas";

/** @throws AppError 404 NOT_FOUND; a taken code is the update's unique violation, which the caller maps */
export async function updateWarehouse(tx: Tx, scope: Scope, input: { id: string; changes: UpdateWarehouseInput }): Promise<WarehouseDto> {
  const { organizationId } = scope;
  const { id, changes } = input;
  const repository = warehouseRepository(tx);
  if (!(await repository.find(organizationId, id))) throw notFound("Warehouse");
  const row = await repository.update(organizationId, id, {
    ...changes,
    // A cleared address is SQL NULL, not JSON null.
    address: changes.address === null ? Prisma.DbNull : changes.address,
  });
  return toWarehouseDto(row, (await settingsRepository(tx).read(organizationId)).defaultWarehouseId);
}
