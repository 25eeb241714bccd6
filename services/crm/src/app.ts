/** The CRM service's Express app, without listening (tests drive it through supertest). */
import { createServiceApp, type ReadinessChecks, type ServiceAppOptions } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import type { CrmConfig } from "./config";
import type { CrmDb } from "./db";
import { registerOpportunityRoutes } from "./modules/opportunities/opportunity.routes";
import { registerPipelineRoutes } from "./modules/pipelines/pipeline.routes";
import { createCrm } from "./modules/setup/crm-setup";

export interface AppDependencies {
  /** The service's name and base path (src/service.ts). */
  name: string;
  basePath: string;
  config: Pick<CrmConfig, "CORS_ORIGINS" | "BODY_LIMIT" | "INTERNAL_API_KEY">;
  logger: Logger;
  db: CrmDb;
  authenticate: NonNullable<ServiceAppOptions["authenticate"]>;
  /** Readiness checks beside the database's, e.g. `{ events: () => events.ready() }` (the event transport). */
  readiness?: ReadinessChecks;
}

export function createApp({ name, basePath, config, logger, db, authenticate, readiness }: AppDependencies) {
  const service = createServiceApp({
    service: name,
    title: "CRM service",
    version: "1.0.0",
    basePath,
    logger,
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT,
    authenticate,
    internalApiKey: config.INTERNAL_API_KEY,
    readiness: { database: () => db.ping(), ...readiness },
  });
  const crm = createCrm(db);

  registerPipelineRoutes(service.route, crm);
  registerOpportunityRoutes(service.route, crm);
  service.finalize();
  return service;
}
