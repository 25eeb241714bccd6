/** Creates a warehouse and its created event; an organization's first warehouse becomes its default. */
import { uuidv7 } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import { checkCodeFree } from "./check-code";
import { warehouseWasCreated } from "./warehouse-events";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto, type CreateWarehouseInput, type WarehouseDto } from "./warehouse.schemas";

/**
 * @throws AppError 409 CONFLICT naming the warehouse that has the code (in any case); a concurrent
 *   creation with the same code is the insert's unique violation, which the caller maps
 */
export async function createWarehouse(tx: Tx, scope: Scope, input: CreateWarehouseInput): Promise<WarehouseDto> {
  const { organizationId } = scope;
  await checkCodeFree(tx, organizationId, input.code);
  const row = await warehouseRepository(tx).create(organizationId, { ...input, address: input.address ?? undefined, id: uuidv7() });
  const settings = settingsRepository(tx);
  let { defaultWarehouseId } = await settings.read(organizationId);
  if (!defaultWarehouseId) ({ defaultWarehouseId } = await settings.write(organizationId, { defaultWarehouseId: row.id }));
  const warehouse = toWarehouseDto(row, defaultWarehouseId);
  await warehouseWasCreated(tx, scope, warehouse);
  return warehouse;
}
