/** The master-data service's Express app, without listening (tests drive it through supertest). */
import { createServiceApp, type ServiceAppOptions, type ReadinessChecks } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import type { MasterDataConfig } from "./config";
import type { MasterDataDb } from "./db";
import { registerCategoryRoutes } from "./modules/categories/category.routes";
import { customers, suppliers } from "./modules/parties/party-kinds";
import { registerPartyRoutes } from "./modules/parties/party.routes";
import { registerProductRoutes } from "./modules/products/product.routes";
import { registerSettingsInternalRoutes } from "./modules/settings/settings-internal.routes";
import { registerStockRoutes } from "./modules/stock/stock.routes";
import { registerWarehouseRoutes } from "./modules/warehouses/warehouse.routes";

export interface AppDependencies {
  /** The service's name and base path (src/service.ts). */
  name: string;
  basePath: string;
  config: Pick<MasterDataConfig, "CORS_ORIGINS" | "BODY_LIMIT" | "INTERNAL_API_KEY">;
  logger: Logger;
  db: MasterDataDb;
  authenticate: NonNullable<ServiceAppOptions["authenticate"]>;
  /** Readiness checks beside the database's, e.g. `{ events: () => events.ready() }` (the event transport). */
  readiness?: ReadinessChecks;
}

export function createApp({ name, basePath, config, logger, db, authenticate, readiness }: AppDependencies) {
  const service = createServiceApp({
    service: name,
    title: "Master data service",
    version: "1.0.0",
    basePath,
    logger,
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT,
    authenticate,
    internalApiKey: config.INTERNAL_API_KEY,
    readiness: { database: () => db.ping(), ...readiness },
  });

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
