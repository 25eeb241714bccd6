/** The organization's settings, defaults filled in. */
import { notFound } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { readSettings, type Settings } from "./settings.schemas";
import { settingsRepository } from "./settings.repository";

export async function getSettings(db: TenantDb, organizationId: string): Promise<Settings> {
  const row = await db.withOrganization(organizationId, (tx) => settingsRepository(tx).find(organizationId));
  if (!row) throw notFound("Settings");
  return readSettings(row.values);
}
