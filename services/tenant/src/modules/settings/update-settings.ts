/** Changes some settings; the rest keep their values. */
import type { Actor } from "@erp/events";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/http-kit";
import type { TenantDb } from "../../db";
import { OUTBOX_SCHEMA, settingsUpdated } from "../../events";
import { readSettings, type Settings, type UpdateSettingsInput } from "./settings.schemas";
import { settingsRepository } from "./settings.repository";

export async function updateSettings(
  db: TenantDb,
  organizationId: string,
  actor: Actor,
  input: UpdateSettingsInput,
): Promise<Settings> {
  return db.withOrganization(organizationId, async (tx) => {
    const repository = settingsRepository(tx);
    const row = await repository.find(organizationId);
    if (!row) throw notFound("Settings");

    const current = readSettings(row.values);
    const changedFields = (Object.keys(input) as (keyof Settings)[]).filter((key) => input[key] !== current[key]);
    if (changedFields.length === 0) return current;

    const settings: Settings = { ...current, ...input };
    await repository.replace(organizationId, settings);
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: settingsUpdated,
      organizationId,
      aggregateType: "settings",
      aggregateId: organizationId,
      actor,
      data: { settings, changedFields },
    });
    return settings;
  });
}
