/** Deletes a warehouse that never held stock, with its deleted event; the default warehouse's setting is cleared with it. */
import { isForeignKeyViolation } from "@erp/db";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import { warehouseHasMovements } from "./warehouse.errors";
import { warehouseWasDeleted } from "./warehouse-events";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto } from "./warehouse.schemas";

/**
 * The movements' foreign key is what refuses the delete: no check-then-delete race.
 * @throws AppError 404 NOT_FOUND, 409 CONFLICT when stock movements refer to it
 */
export async function deleteWarehouse(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const { organizationId } = scope;
  const repository = warehouseRepository(tx);
  const row = await repository.find(organizationId, input.id);
  if (!row) throw notFound("Warehouse");
  const settings = settingsRepository(tx);
  const { defaultWarehouseId } = await settings.read(organizationId);
  if (defaultWarehouseId === row.id) await settings.write(organizationId, { defaultWarehouseId: null });
  try {
    await repository.delete(organizationId, row.id);
  } catch (err) {
    // The failed statement aborts the transaction; throwing rolls it back, the setting included.
    if (isForeignKeyViolation(err)) throw warehouseHasMovements();
    throw err;
  }
  await warehouseWasDeleted(tx, scope, toWarehouseDto(row, defaultWarehouseId));
}
