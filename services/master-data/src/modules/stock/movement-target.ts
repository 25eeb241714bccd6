/** What every movement checks first: a stock item of the organization and warehouses that exist. */
import type { Actor } from "@erp/events";
import { unprocessable } from "@erp/http-kit";
import type { Tx } from "../../db";
import { settingsRepository } from "../settings/settings.repository";
import type { LedgerContext } from "./stock-ledger";

/** The ledger context for `productId`: its reorder level and the organization's negative-stock rule. */
export async function ledgerContext(tx: Tx, organizationId: string, actor: Actor, productId: string): Promise<LedgerContext & { defaultWarehouseId: string | null }> {
  const product = await tx.product.findFirst({ where: { organizationId, id: productId } });
  if (!product) throw unprocessable("The product does not exist", [{ path: "productId", message: "No such product" }]);
  if (product.type !== "stock_item") {
    throw unprocessable("Only stock items have stock", [{ path: "productId", message: `A ${product.type} product has no stock` }]);
  }
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
  if (!id) throw unprocessable("No warehouse given and the organization has no default warehouse", [{ path, message: "Required" }]);
  if ((await tx.warehouse.count({ where: { organizationId, id } })) === 0) {
    throw unprocessable("The warehouse does not exist", [{ path, message: "No such warehouse" }]);
  }
  return id;
}
