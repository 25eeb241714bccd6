/** The tenant service's Express app, without listening (tests drive it through supertest). */
import { createServiceAppFor, type ServiceAppDependencies } from "@erp/service-kit";
import type { TenantDb } from "./db";
import { registerModuleRoutes } from "./modules/modules/module.routes";
import { registerOrganizationInternalRoutes } from "./modules/organizations/organization-internal.routes";
import { registerOrganizationRoutes } from "./modules/organizations/organization.routes";
import { registerPlanRoutes } from "./modules/plans/plan.routes";
import { registerSettingsRoutes } from "./modules/settings/settings.routes";
import { registerSubscriptionRoutes } from "./modules/subscriptions/subscription.routes";

/** What the app needs: service-kit's common dependencies (names, config, logger, database, authenticate, readiness). */
export type AppDependencies = ServiceAppDependencies<TenantDb>;

export function createApp(deps: AppDependencies) {
  const { db } = deps;
  const service = createServiceAppFor(deps, { title: "Tenant service", version: "1.0.0" });

  registerOrganizationRoutes(service.route, db);
  registerOrganizationInternalRoutes(service.route, db);
  registerPlanRoutes(service.route, db);
  registerSubscriptionRoutes(service.route, db);
  registerModuleRoutes(service.route, db);
  registerSettingsRoutes(service.route, db);
  service.finalize();
  return service;
}
