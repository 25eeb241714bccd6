/** Makes a warehouse the organization's default: where movements go when they name none. */
import { notFound } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto, type WarehouseDto } from "./warehouse.schemas";

export async function setDefaultWarehouse(db: MasterDataDb, organizationId: string, id: string): Promise<WarehouseDto> {
  return db.withOrganization(organizationId, async (tx) => {
    const row = await warehouseRepository(tx).find(organizationId, id);
    if (!row) throw notFound("Warehouse");
    await settingsRepository(tx).write(organizationId, { defaultWarehouseId: id });
    return toWarehouseDto(row, id);
  });
}
