/** The finance service's Express app, without listening (tests drive it through supertest). */
import { createServiceApp, type ServiceAppOptions, type ReadinessChecks } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import type { FinanceConfig } from "./config";
import type { FinanceDb } from "./db";
import { registerAccountRoutes } from "./modules/accounts/account.routes";
import { registerExchangeRateRoutes } from "./modules/exchange-rates/exchange-rate.routes";
import { registerJournalRoutes } from "./modules/journal/journal.routes";
import { createPostingBatcher } from "./modules/journal/posting-batcher";
import { createLedgerSetup } from "./modules/ledger/ledger-setup";
import type { Ledger } from "./modules/ledger/ledger-transaction";
import type { OrganizationDirectory } from "./modules/ledger/organization-directory";
import { registerPeriodRoutes } from "./modules/periods/period.routes";
import { registerReportRoutes } from "./modules/reports/report.routes";
import { registerTaxRateRoutes } from "./modules/tax-rates/tax-rate.routes";

export interface AppDependencies {
  /** The service's name and base path (src/service.ts). */
  name: string;
  basePath: string;
  config: Pick<FinanceConfig, "CORS_ORIGINS" | "BODY_LIMIT" | "INTERNAL_API_KEY">;
  logger: Logger;
  db: FinanceDb;
  authenticate: NonNullable<ServiceAppOptions["authenticate"]>;
  /** Where an organization finance has not heard of is looked up (the tenant service). */
  directory: OrganizationDirectory;
  /** Readiness checks beside the database's, e.g. `{ events: () => events.ready() }` (the event transport). */
  readiness?: ReadinessChecks;
}

export function createApp({ name, basePath, config, logger, db, authenticate, directory, readiness }: AppDependencies) {
  const service = createServiceApp({
    service: name,
    title: "Finance service",
    version: "1.0.0",
    basePath,
    logger,
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT,
    authenticate,
    internalApiKey: config.INTERNAL_API_KEY,
    readiness: { database: () => db.ping(), ...readiness },
  });
  const ledger: Ledger = { db, setup: createLedgerSetup(db, directory), batcher: createPostingBatcher(db) };

  registerAccountRoutes(service.route, ledger);
  registerJournalRoutes(service.route, ledger);
  registerExchangeRateRoutes(service.route, ledger);
  registerPeriodRoutes(service.route, ledger);
  registerReportRoutes(service.route, ledger);
  registerTaxRateRoutes(service.route, ledger);
  service.finalize();
  return { ...service, ledger };
}
