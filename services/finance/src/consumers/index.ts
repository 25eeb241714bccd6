/**
 * The events this service consumes, as its consumer group. Also the `--consumer` module of
 * `packages/events/scripts/dead-letters.ts replay`, which needs the same handlers.
 */
import { organizationCreated, organizationUpdated, settingsUpdated } from "@erp/event-catalog";
import { createDatabase } from "@erp/db";
import { PrismaClient } from "../generated/prisma/client";
import { masterDataHandlers } from "./master-data-events";
import { stockHandlers } from "./stock-events";
import { tenantOrganizationCreated, tenantOrganizationUpdated, tenantSettingsUpdated } from "./tenant-events";

export const CONSUMER_GROUP = "finance";

export const handlers = {
  [organizationCreated.type]: tenantOrganizationCreated,
  [organizationUpdated.type]: tenantOrganizationUpdated,
  [settingsUpdated.type]: tenantSettingsUpdated,
  ...masterDataHandlers,
  ...stockHandlers,
};

export function openConsumer(databaseUrl: string) {
  const db = createDatabase({ connectionString: databaseUrl, PrismaClient, schema: "finance", poolMax: 2 });
  return { db, group: CONSUMER_GROUP, handlers };
}
