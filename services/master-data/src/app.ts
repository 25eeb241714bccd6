/** The master-data service's Express app, without listening (tests drive it through supertest). */
import { createServiceAppFor, type ServiceAppDependencies } from "@erp/service-kit";
import type { MasterDataDb } from "./db";
import { registerCategoryRoutes } from "./modules/categories/category.routes";
import { customers, suppliers } from "./modules/parties/party-kinds";
import { registerPartyRoutes } from "./modules/parties/party.routes";
import { registerProductRoutes } from "./modules/products/product.routes";
import { registerSettingsInternalRoutes } from "./modules/settings/settings-internal.routes";
import { registerStockRoutes } from "./modules/stock/stock.routes";
import { registerWarehouseRoutes } from "./modules/warehouses/warehouse.routes";

/** What the app needs: service-kit's common dependencies (names, config, logger, database, authenticate, readiness). */
export type AppDependencies = ServiceAppDependencies<MasterDataDb>;

export function createApp(deps: AppDependencies) {
  const { db } = deps;
  const service = createServiceAppFor(deps, { title: "Master data service", version: "1.0.0" });

  registerPartyRoutes(service.route, db, customers);
  registerPartyRoutes(service.route, db, suppliers);
  registerCategoryRoutes(service.route, db);
  registerProductRoutes(service.route, db);
  registerWarehouseRoutes(service.route, db);
  registerStockRoutes(service.route, db);
  registerSettingsInternalRoutes(service.route, db);
  service.finalize();
  return service;
}
