/**
 * The year-end close: a closing entry on the fiscal year's last day that brings every income and
 * expense account to zero and moves the year's net income to retained earnings, posted through
 * the journal's posting path (numbered, hashed, balanced, lock-checked like any entry); then the
 * books are locked through that day, so nothing posted later can leave earnings behind in a
 * closed year.
 */
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { postEntry } from "../journal/post-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { ZERO } from "../reports/ledger-amounts";
import { reportRepository } from "../reports/report.repository";
import { moneyIn } from "../reports/report.schemas";
import { closingLines } from "./closing-entry";
import { fiscalYear as fiscalYearRange } from "./fiscal-year";
import { moveLockForward, todayUtc } from "./lock-periods";
import { fiscalYearAlreadyClosed, fiscalYearNotEnded, nothingToClose, periodLocked, retainedEarningsAccountRequired } from "./period.errors";
import { periodRepository } from "./period.repository";
import type { CloseYearInput, ClosingDto } from "./period.schemas";

/** The source every closing entry carries: one per organization and fiscal year. */
export const CLOSING_SOURCE_TYPE = "fiscal_year_closing";

/**
 * @throws AppError 409 INVALID_STATE (already closed); 422 FISCAL_YEAR_NOT_ENDED, PERIOD_LOCKED
 *   (its last day is locked: the closing entry could not be posted), NOTHING_TO_CLOSE,
 *   RETAINED_EARNINGS_ACCOUNT_REQUIRED; 503 LEDGER_UNAVAILABLE
 */
export async function closeFiscalYear(tx: Tx, scope: Scope, input: CloseYearInput): Promise<ClosingDto> {
  const { organizationId } = scope;
  const settings = await ledgerSettingsOf(tx, organizationId);
  const year = fiscalYearRange(input.fiscalYear, settings.fiscalYearStartMonth);
  if (year.end >= todayUtc()) throw fiscalYearNotEnded(year.fiscalYear, year.end);

  const periods = periodRepository(tx);
  await periods.lockLedger(organizationId);
  if (await periods.isClosed(organizationId, year.fiscalYear)) throw fiscalYearAlreadyClosed(year.fiscalYear);
  const lockedThrough = await periods.lockedThrough(organizationId);
  if (lockedThrough !== null && year.end <= lockedThrough) throw periodLocked(year.end, lockedThrough, "fiscalYear");
  const retainedEarnings = await retainedEarningsAccount(tx, organizationId, input.retainedEarningsAccountId);

  const {
    accounts,
    movements: [balances],
  } = await reportRepository(tx).accountsWithMovements(organizationId, [{ from: null, to: year.end }]);
  const lines = closingLines(accounts, balances!, retainedEarnings);
  if (lines.length === 0) throw nothingToClose(year.fiscalYear);
  const money = moneyIn(settings.baseCurrency);
  const entry = await postEntry(tx, scope, {
    date: year.end,
    memo: `Closing of fiscal year ${year.fiscalYear}: income and expenses to retained earnings`,
    source: { type: CLOSING_SOURCE_TYPE, id: String(year.fiscalYear) },
    lines: lines.map((line) => ({
      accountId: line.accountId,
      ...(line.debit.isZero() ? { credit: money(line.credit) } : { debit: money(line.debit) }),
      currency: settings.baseCurrency,
      exchangeRate: "1",
    })),
  });
  await periods.recordClosing(organizationId, { fiscalYear: year.fiscalYear, entryId: entry.id, closedBy: scope.actor.id });
  if (lockedThrough === null || lockedThrough < year.end) {
    await moveLockForward(tx, scope, lockedThrough, year.end, `Fiscal year ${year.fiscalYear} closed`);
  }
  const retained = lines.find((line) => line.accountId === retainedEarnings);
  const netIncome = retained ? retained.credit.minus(retained.debit) : ZERO;
  return {
    ...year,
    entryId: entry.id,
    entryNumber: entry.number!,
    netIncome: money(netIncome),
    currency: settings.baseCurrency,
    lockedThrough: lockedThrough !== null && lockedThrough > year.end ? lockedThrough : year.end,
  };
}

/** The account the year's earnings go to: the one asked for, or the chart's only one. */
async function retainedEarningsAccount(tx: Tx, organizationId: OrganizationId, requested: string | undefined): Promise<string> {
  const candidates = await tx.account.findMany({
    where: { organizationId, subtype: "retained_earnings", type: "equity", isGroup: false, archivedAt: null },
    select: { id: true, code: true },
    orderBy: { code: "asc" },
  });
  if (requested !== undefined) {
    if (!candidates.some((account) => account.id === requested)) {
      throw retainedEarningsAccountRequired("Not an active posting account of subtype retained_earnings");
    }
    return requested;
  }
  if (candidates.length === 0) throw retainedEarningsAccountRequired("The chart has no active posting account of subtype retained_earnings");
  if (candidates.length > 1) {
    throw retainedEarningsAccountRequired(`Several accounts qualify (${candidates.map((account) => account.code).join(", ")}): name one`);
  }
  return candidates[0]!.id;
}
