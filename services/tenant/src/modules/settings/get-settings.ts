/** The organization's settings, defaults filled in. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { readSettings, type Settings } from "./settings.schemas";
import { settingsRepository } from "./settings.repository";

/** @throws AppError 404 NOT_FOUND when the organization has none */
export async function getSettings(tx: Tx, scope: Scope): Promise<Settings> {
  const row = await settingsRepository(tx).find(scope.organizationId);
  if (!row) throw notFound("Settings");
  return readSettings(row.values);
}
