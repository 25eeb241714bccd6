/** Changes some settings; the rest keep their values, and nothing changed writes nothing. */
import { isDeepStrictEqual } from "node:util";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA, settingsUpdated } from "../../events";
import { readSettings, type Settings, type UpdateSettingsInput } from "./settings.schemas";
import { settingsRepository } from "./settings.repository";

/** @throws AppError 404 NOT_FOUND when the organization has no settings */
export async function updateSettings(tx: Tx, scope: Scope, input: UpdateSettingsInput): Promise<Settings> {
  const { organizationId } = scope;
  const repository = settingsRepository(tx);
  const row = await repository.find(organizationId);
  if (!row) throw notFound("Settings");

  const current = readSettings(row.values);
  const changedFields = (Object.keys(input) as (keyof Settings)[]).filter((key) => !isDeepStrictEqual(input[key], current[key]));
  if (changedFields.length === 0) return current;

  const settings: Settings = { ...current, ...input };
  await repository.replace(organizationId, settings);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: settingsUpdated,
    organizationId,
    aggregateType: "settings",
    aggregateId: organizationId,
    actor: scope.actor,
    data: { settings, changedFields },
  });
  return settings;
}
