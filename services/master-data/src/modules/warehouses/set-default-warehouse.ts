/** Makes a warehouse the organization's default: where movements go when they name none. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto, type WarehouseDto } from "./warehouse.schemas";

/** @throws AppError 404 NOT_FOUND */
export async function setDefaultWarehouse(tx: Tx, scope: Scope, input: { id: string }): Promise<WarehouseDto> {
  const row = await warehouseRepository(tx).find(scope.organizationId, input.id);
  if (!row) throw notFound("Warehouse");
  await settingsRepository(tx).write(scope.organizationId, { defaultWarehouseId: row.id });
  return toWarehouseDto(row, row.id);
}
