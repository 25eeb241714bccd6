/** The tenant service's Express app, without listening (tests drive it through supertest). */
import { createServiceApp, type ServiceAppOptions, type ReadinessChecks } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import type { TenantConfig } from "./config";
import type { TenantDb } from "./db";
import { registerModuleRoutes } from "./modules/modules/module.routes";
import { registerOrganizationInternalRoutes } from "./modules/organizations/organization-internal.routes";
import { registerOrganizationRoutes } from "./modules/organizations/organization.routes";
import { registerPlanRoutes } from "./modules/plans/plan.routes";
import { registerSettingsRoutes } from "./modules/settings/settings.routes";
import { registerSubscriptionRoutes } from "./modules/subscriptions/subscription.routes";

export interface AppDependencies {
  /** The service's name and base path (src/service.ts). */
  name: string;
  basePath: string;
  config: Pick<TenantConfig, "CORS_ORIGINS" | "BODY_LIMIT" | "INTERNAL_API_KEY">;
  logger: Logger;
  db: TenantDb;
  authenticate: NonNullable<ServiceAppOptions["authenticate"]>;
  /** Readiness checks beside the database's, e.g. `{ events: () => events.ready() }` (the event transport). */
  readiness?: ReadinessChecks;
}

export function createApp({ name, basePath, config, logger, db, authenticate, readiness }: AppDependencies) {
  const service = createServiceApp({
    service: name,
    title: "Tenant service",
    version: "1.0.0",
    basePath,
    logger,
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT,
    authenticate,
    internalApiKey: config.INTERNAL_API_KEY,
    readiness: { database: () => db.ping(), ...readiness },
  });

  registerOrganizationRoutes(service.route, db);
  registerOrganizationInternalRoutes(service.route, db);
  registerPlanRoutes(service.route, db);
  registerSubscriptionRoutes(service.route, db);
  registerModuleRoutes(service.route, db);
  registerSettingsRoutes(service.route, db);
  service.finalize();
  return service;
}
