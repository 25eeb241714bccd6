/**
 * The master-data app from its descriptor (@erp/testkit's startServiceTestApp: a fresh database, a
 * test token issuer). Organizations are just ids here: the service keeps no organization table,
 * every row carries its organization.
 */
import { randomUUID } from "node:crypto";
import { startServiceTestApp, TEST_INTERNAL_API_KEY, type ApiClient } from "@erp/testkit";
import { allPermissions } from "../src/permissions";
import { masterDataService } from "../src/service";

export const INTERNAL_API_KEY = TEST_INTERNAL_API_KEY;
export type { OutboxRow } from "@erp/testkit";

/** `poolMax`: the database pool's size (DB_POOL_MAX, default 10). */
export async function startMasterDataTestApp(options: { poolMax?: number } = {}) {
  const t = await startServiceTestApp(masterDataService, {
    permissions: allPermissions,
    env: options.poolMax === undefined ? {} : { DB_POOL_MAX: String(options.poolMax) },
  });
  return { ...t, routes: t.service.routes };
}

export type MasterDataTestApp = Awaited<ReturnType<typeof startMasterDataTestApp>>;
export type Api = ApiClient;

/** A warehouse and a stock item with `onHand` received at `unitCost`, for stock tests. */
export async function stockedProduct(api: Api, options: { onHand?: string; unitCost?: string; reorderLevel?: string } = {}) {
  const warehouse = await api.post("/warehouses", { code: `W-${randomUUID().slice(0, 8)}`, name: "Main" });
  const product = await api.post("/products", {
    sku: `SKU-${randomUUID().slice(0, 8)}`,
    name: "Widget",
    currency: "EUR",
    ...(options.reorderLevel ? { reorderLevel: options.reorderLevel } : {}),
  });
  if (warehouse.status !== 201 || product.status !== 201) throw new Error(`setup failed: ${warehouse.status} ${product.status}`);
  const ids = { productId: product.body.data.id as string, warehouseId: warehouse.body.data.id as string };
  if (options.onHand) {
    const receipt = await api.post("/stock/receipts", { ...ids, quantity: options.onHand, unitCost: options.unitCost ?? "10" });
    if (receipt.status !== 201) throw new Error(`receipt failed: ${receipt.status} ${JSON.stringify(receipt.body)}`);
  }
  return ids;
}
