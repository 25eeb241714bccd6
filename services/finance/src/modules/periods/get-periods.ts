/** The lock date, its history, the fiscal year calendar and the closed years. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { fiscalYear, fiscalYearOf } from "./fiscal-year";
import { todayUtc } from "./lock-periods";
import { dateOf, periodRepository } from "./period.repository";
import type { PeriodsDto } from "./period.schemas";

/** @throws AppError 503 LEDGER_UNAVAILABLE when the organization's ledger is not set up */
export async function getPeriods(tx: Tx, scope: Scope): Promise<PeriodsDto> {
  const { organizationId } = scope;
  const periods = periodRepository(tx);
  const { fiscalYearStartMonth } = await ledgerSettingsOf(tx, organizationId);
  const lockedThrough = await periods.lockedThrough(organizationId);
  const closings = await periods.closings(organizationId);
  const events = await periods.lockEvents(organizationId);
  return {
    lockedThrough,
    fiscalYearStartMonth,
    currentFiscalYear: fiscalYearOf(todayUtc(), fiscalYearStartMonth),
    closedFiscalYears: closings.map((closing) => ({
      // The closing entry's date is the year's last day, whatever the start month became since.
      ...fiscalYear(closing.fiscalYear, fiscalYearStartMonth),
      end: dateOf(closing.entry.entryDate),
      entryId: closing.entryId,
      entryNumber: closing.entry.number,
      closedBy: closing.closedBy,
      closedAt: closing.closedAt.toISOString(),
    })),
    history: events.map((event) => ({
      id: event.id,
      action: event.action,
      lockedThrough: event.lockedThrough && dateOf(event.lockedThrough),
      previousLockedThrough: event.previousLockedThrough && dateOf(event.previousLockedThrough),
      reason: event.reason,
      actor: { type: event.actorType, id: event.actorId },
      at: event.createdAt.toISOString(),
    })),
  };
}
