/** What every movement checks first: a stock item of the organization and warehouses that exist. */
import { minorUnits } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import type { LedgerContext } from "./stock-ledger";
import { notAStockItem, noDefaultWarehouse, unknownProduct, unknownWarehouse } from "./stock.errors";
import { stockRepository } from "./stock.repository";

/**
 * The ledger context for movements of `productId`: its reorder level and currency, and the
 * organization's negative-stock rule and default warehouse.
 * @throws AppError 422 UNKNOWN_PRODUCT, NOT_A_STOCK_ITEM
 */
export async function ledgerContext(tx: Tx, scope: Scope, productId: string): Promise<LedgerContext & { defaultWarehouseId: string | null }> {
  const product = await stockRepository(tx).findTarget(scope.organizationId, productId);
  if (!product) throw unknownProduct();
  if (product.type !== "stock_item") throw notAStockItem(product.type);
  const settings = await settingsRepository(tx).read(scope.organizationId);
  return {
    scope,
    currency: product.currency,
    rules: { minorUnits: minorUnits(product.currency), allowNegativeStock: settings.allowNegativeStock, reorderLevel: product.reorderLevel },
    defaultWarehouseId: settings.defaultWarehouseId,
  };
}

/**
 * The given warehouse, or the default one when none is given.
 * @param path the input field named in the refusal
 * @throws AppError 422 NO_DEFAULT_WAREHOUSE, UNKNOWN_WAREHOUSE
 */
export async function resolveWarehouse(
  tx: Tx,
  scope: Scope,
  warehouseId: string | undefined,
  defaultWarehouseId: string | null,
  path = "warehouseId",
): Promise<string> {
  const id = warehouseId ?? defaultWarehouseId;
  if (!id) throw noDefaultWarehouse(path);
  if (!(await stockRepository(tx).warehouseExists(scope.organizationId, id))) throw unknownWarehouse(path);
  return id;
}
