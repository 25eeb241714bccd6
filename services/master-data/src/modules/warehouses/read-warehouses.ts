/** One warehouse, or a page of them. */
import { keysetPage, listWindow, notFound, type Page } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto, type WarehouseDto, type WarehouseListQuery } from "./warehouse.schemas";

export async function getWarehouse(db: MasterDataDb, organizationId: string, id: string): Promise<WarehouseDto> {
  return db.withOrganization(organizationId, async (tx) => {
    const row = await warehouseRepository(tx).find(organizationId, id);
    if (!row) throw notFound("Warehouse");
    return toWarehouseDto(row, (await settingsRepository(tx).read(organizationId)).defaultWarehouseId);
  });
}

export async function listWarehouses(db: MasterDataDb, organizationId: string, query: WarehouseListQuery): Promise<Page<WarehouseDto>> {
  const window = listWindow(query);
  return db.withOrganization(organizationId, async (tx) => {
    const rows = await warehouseRepository(tx).list(organizationId, query.q, window);
    const { defaultWarehouseId } = await settingsRepository(tx).read(organizationId);
    return keysetPage(rows, window, (row) => toWarehouseDto(row, defaultWarehouseId));
  });
}
