/**
 * The events this service consumes, as its consumer group. Also the `--consumer` module of
 * `packages/events/scripts/dead-letters.ts replay`, which needs the same handlers.
 */
import { customerCreated, organizationCreated, organizationUpdated } from "@erp/event-catalog";
import { createDatabase } from "@erp/db";
import { PrismaClient } from "../generated/prisma/client";
import { exchangeRateHandlers } from "./exchange-rate-events";
import { masterDataCustomerCreated } from "./master-data-customer-created";
import { membershipHandlers } from "./membership-events";
import { tenantOrganizationCreated, tenantOrganizationUpdated } from "./tenant-organization-created";

export const CONSUMER_GROUP = "crm";

export const handlers = {
  [organizationCreated.type]: tenantOrganizationCreated,
  [organizationUpdated.type]: tenantOrganizationUpdated,
  [customerCreated.type]: masterDataCustomerCreated,
  ...membershipHandlers,
  ...exchangeRateHandlers,
};

export function openConsumer(databaseUrl: string) {
  const db = createDatabase({ connectionString: databaseUrl, PrismaClient, schema: "crm", poolMax: 2 });
  return { db, group: CONSUMER_GROUP, handlers };
}
