/** The CRM service's Express app, without listening (tests drive it through supertest). */
import { createServiceApp, type ReadinessChecks, type ServiceAppOptions } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import type { CrmConfig } from "./config";
import type { CrmDb } from "./db";
import { registerActivityRoutes } from "./modules/activities/activity.routes";
import { registerCompanyRoutes } from "./modules/companies/company.routes";
import { registerContactRoutes } from "./modules/contacts/contact.routes";
import { registerLeadRoutes } from "./modules/leads/lead.routes";
import { registerOpportunityRoutes } from "./modules/opportunities/opportunity.routes";
import { registerPipelineRoutes } from "./modules/pipelines/pipeline.routes";
import { registerReportRoutes } from "./modules/reports/report.routes";
import { createCrm } from "./modules/setup/crm-setup";
import { registerTimelineRoutes } from "./modules/timeline/timeline.routes";

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

  registerCompanyRoutes(service.route, crm);
  registerContactRoutes(service.route, crm);
  registerLeadRoutes(service.route, crm);
  registerPipelineRoutes(service.route, crm);
  registerOpportunityRoutes(service.route, crm);
  registerActivityRoutes(service.route, crm);
  registerTimelineRoutes(service.route, crm);
  registerReportRoutes(service.route, crm);
  service.finalize();
  return service;
}
