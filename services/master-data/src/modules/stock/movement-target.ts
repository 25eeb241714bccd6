/** What every movement checks first: a stock item of the organization and warehouses that exist. */
import type { Actor } from "@erp/events";
import type { Tx } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import type { LedgerContext } from "./stock-ledger";
import { noDefaultWarehouse, notAStockItem, unknownProduct, unknownWarehouse } from "./stock.errors";

/** The ledger context for `productId`: its reorder level and the organization's negative-stock rule. */
export async function ledgerContext(tx: Tx, organizationId: string, actor: Actor, productId: string): Promise<LedgerContext & { defaultWarehouseId: string | null }> {
  const product = await tx.product.findFirst({ where: { organizationId, id: productId } });
  if (!product) throw unknownProduct();
  if (product.type !== "stock_item") throw notAStockItem(product.type);
  const settings = await settingsRepository(tx).read(organizationId);
  return {
    organizationId,
    actor,
    allowNegativeStock: settings.allowNegativeStock,
    reorderLevel: product.reorderLevel,
    defaultWarehouseId: settings.defaultWarehouseId,
  };
}

/** The given warehouse, or the default one when none is given. */
export async function resolveWarehouse(
  tx: Tx,
  organizationId: string,
  warehouseId: string | undefined,
  defaultWarehouseId: string | null,
  path = "warehouseId",
): Promise<string> {
  const id = warehouseId ?? defaultWarehouseId;
  if (!id) throw noDefaultWarehouse(path);
  if ((await tx.warehouse.count({ where: { organizationId, id } })) === 0) throw unknownWarehouse(path);
  return id;
}
