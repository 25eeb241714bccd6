/**
 * Makes a warehouse the organization's default: where movements go when they name none. Both the
 * new and the previous default get an updated event (`isDefault` changed); choosing the current
 * default again changes nothing.
 */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import { warehouseWasUpdated } from "./warehouse-events";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto, type WarehouseDto } from "./warehouse.schemas";

/** @throws AppError 404 NOT_FOUND */
export async function setDefaultWarehouse(tx: Tx, scope: Scope, input: { id: string }): Promise<WarehouseDto> {
  const { organizationId } = scope;
  const repository = warehouseRepository(tx);
  const row = await repository.find(organizationId, input.id);
  if (!row) throw notFound("Warehouse");
  const settings = settingsRepository(tx);
  const previousId = (await settings.read(organizationId)).defaultWarehouseId;
  const warehouse = toWarehouseDto(row, row.id);
  if (previousId === row.id) return warehouse;
  await settings.write(organizationId, { defaultWarehouseId: row.id });
  const previous = previousId ? await repository.find(organizationId, previousId) : null;
  if (previous) await warehouseWasUpdated(tx, scope, toWarehouseDto(previous, row.id), ["isDefault"]);
  await warehouseWasUpdated(tx, scope, warehouse, ["isDefault"]);
  return warehouse;
}
