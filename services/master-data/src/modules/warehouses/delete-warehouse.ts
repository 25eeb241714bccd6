/** Deletes a warehouse that never held stock; one with stock history is refused (409). */
import { isForeignKeyViolation } from "@erp/db";
import { conflict, notFound } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import { warehouseRepository } from "./warehouse.repository";

export async function deleteWarehouse(db: MasterDataDb, organizationId: string, id: string): Promise<void> {
  try {
    await db.withOrganization(organizationId, async (tx) => {
      const repository = warehouseRepository(tx);
      if (!(await repository.find(organizationId, id))) throw notFound("Warehouse");
      const settings = settingsRepository(tx);
      if ((await settings.read(organizationId)).defaultWarehouseId === id) await settings.write(organizationId, { defaultWarehouseId: null });
      await repository.delete(organizationId, id);
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw conflict("The warehouse has stock movements and cannot be deleted");
    throw err;
  }
}
