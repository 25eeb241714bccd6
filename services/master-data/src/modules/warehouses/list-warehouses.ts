/** A page of the organization's warehouses, searched and sorted. */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import { warehouseRepository } from "./warehouse.repository";
import { toWarehouseDto, type WarehouseDto, type WarehouseListQuery } from "./warehouse.schemas";

export async function listWarehouses(tx: Tx, scope: Scope, query: WarehouseListQuery): Promise<Page<WarehouseDto>> {
  const window = listWindow(query);
  const rows = await warehouseRepository(tx).list(scope.organizationId, query.q, window);
  const { defaultWarehouseId } = await settingsRepository(tx).read(scope.organizationId);
  return keysetPage(rows, window, (row) => toWarehouseDto(row, defaultWarehouseId));
}
