/** One warehouse of the organization. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto, type WarehouseDto } from "./warehouse.schemas";

/** @throws AppError 404 NOT_FOUND, also for another organization's warehouse */
export async function getWarehouse(tx: Tx, scope: Scope, input: { id: string }): Promise<WarehouseDto> {
  const row = await warehouseRepository(tx).find(scope.organizationId, input.id);
  if (!row) throw notFound("Warehouse");
  return toWarehouseDto(row, (await settingsRepository(tx).read(scope.organizationId)).defaultWarehouseId);
}
