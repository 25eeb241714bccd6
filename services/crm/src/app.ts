/** The CRM service's Express app, without listening (tests drive it through supertest). */
import { createServiceAppFor, type ServiceAppDependencies } from "@erp/service-kit";
import type { CrmDb } from "./db";
import type { MemberDirectory } from "./modules/members/member-directory";
import { registerActivityRoutes } from "./modules/activities/activity.routes";
import { registerCompanyRoutes } from "./modules/companies/company.routes";
import { registerContactRoutes } from "./modules/contacts/contact.routes";
import { registerLeadRoutes } from "./modules/leads/lead.routes";
import { registerOpportunityRoutes } from "./modules/opportunities/opportunity.routes";
import { registerPipelineRoutes } from "./modules/pipelines/pipeline.routes";
import { registerReportRoutes } from "./modules/reports/report.routes";
import { createCrm } from "./modules/setup/crm-setup";
import { registerTimelineRoutes } from "./modules/timeline/timeline.routes";

/**
 * What the app needs: service-kit's common dependencies (names, config, logger, database,
 * authenticate, readiness) and where members the CRM never heard of are looked up.
 */
export type AppDependencies = ServiceAppDependencies<CrmDb> & { directory: MemberDirectory };

export function createApp(deps: AppDependencies) {
  const { db, directory } = deps;
  const service = createServiceAppFor(deps, { title: "CRM service", version: "1.0.0" });
  const crm = createCrm(db, directory);

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
