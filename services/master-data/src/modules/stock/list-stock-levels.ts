/** On-hand stock per product and warehouse, with its value. */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { formatDecimal, minorUnits } from "@erp/money";
import { UNIT_COST_SCALE } from "./stock-calculation";
import { stockRepository } from "./stock.repository";
import type { StockLevelDto, StockListQuery } from "./stock.schemas";

/** A page of levels; `value` is the level's running value in the product's currency. */
export async function listStockLevels(tx: Tx, scope: Scope, query: StockListQuery): Promise<Page<StockLevelDto>> {
  const window = listWindow(query);
  const rows = await stockRepository(tx).listLevels(scope.organizationId, query, window);
  return keysetPage(rows, window, (row) => ({
    id: row.id,
    productId: row.productId,
    sku: row.product.sku,
    productName: row.product.name,
    warehouseId: row.warehouseId,
    warehouseCode: row.warehouse.code,
    quantity: formatDecimal(row.quantity, 3),
    averageCost: formatDecimal(row.averageCost, UNIT_COST_SCALE),
    value: formatDecimal(row.value, minorUnits(row.product.currency)),
    currency: row.product.currency,
    updatedAt: row.updatedAt.toISOString(),
  }));
}
