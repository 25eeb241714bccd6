/**
 * The events this service consumes, as its consumer group. Also the `--consumer` module of
 * `packages/events/scripts/dead-letters.ts replay`, which needs the same handlers.
 */
import { leadConverted, organizationCreated, organizationUpdated, settingsUpdated } from "@erp/event-catalog";
import { createDatabase } from "@erp/db";
import { PrismaClient } from "../generated/prisma/client";
import { crmLeadConverted } from "./crm-lead-converted";
import { tenantOrganizationCreated, tenantOrganizationUpdated } from "./tenant-organization-changed";
import { tenantSettingsUpdated } from "./tenant-settings-updated";

export const CONSUMER_GROUP = "master-data";

export const handlers = {
  [settingsUpdated.type]: tenantSettingsUpdated,
  [organizationCreated.type]: tenantOrganizationCreated,
  [organizationUpdated.type]: tenantOrganizationUpdated,
  [leadConverted.type]: crmLeadConverted,
};

export function openConsumer(databaseUrl: string) {
  const db = createDatabase({ connectionString: databaseUrl, PrismaClient, schema: "master_data", poolMax: 2 });
  return { db, group: CONSUMER_GROUP, handlers };
}
