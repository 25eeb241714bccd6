/**
 * The ledger settings a report is computed with, without a query of their own: the report's read
 * returns the settings from the same snapshot as the balances, so each organization's last-seen
 * settings are assumed, and the read is done again in the rare case they changed meanwhile (the
 * fiscal year's first month moves the report's ranges). A report is never computed with settings
 * other than those its balances were read with.
 */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerUnavailable } from "../ledger/ledger.errors";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import type { ReportSettings } from "./report.repository";

/** Organizations remembered at most; past it the memory starts again (one settings query each). */
const MAX_REMEMBERED = 10_000;
const lastSeen = new Map<string, ReportSettings>();

/**
 * Runs `read` with the organization's settings as last seen (read once when unknown) and returns
 * its result once the settings it read match those it was given.
 * @throws AppError 503 LEDGER_UNAVAILABLE when the organization has no ledger settings
 */
export async function withReportSettings<T extends { settings: ReportSettings | null }>(
  tx: Tx,
  organizationId: OrganizationId,
  read: (settings: ReportSettings) => Promise<T>,
): Promise<T & { settings: ReportSettings }> {
  let assumed = lastSeen.get(organizationId) ?? pick(await ledgerSettingsOf(tx, organizationId));
  for (;;) {
    const result = await read(assumed);
    const { settings } = result;
    if (!settings) throw ledgerUnavailable("its base currency is not known yet");
    remember(organizationId, settings);
    if (settings.baseCurrency === assumed.baseCurrency && settings.fiscalYearStartMonth === assumed.fiscalYearStartMonth) return { ...result, settings };
    assumed = settings;
  }
}

function pick(settings: ReportSettings): ReportSettings {
  return { baseCurrency: settings.baseCurrency, fiscalYearStartMonth: settings.fiscalYearStartMonth };
}

function remember(organizationId: string, settings: ReportSettings): void {
  if (lastSeen.size >= MAX_REMEMBERED && !lastSeen.has(organizationId)) lastSeen.clear();
  lastSeen.set(organizationId, settings);
}
