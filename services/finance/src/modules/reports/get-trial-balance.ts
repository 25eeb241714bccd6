/**
 * The trial balance as of a date: opening balances before the fiscal year that holds the date,
 * the year's debits and credits through it, and closing balances, from the maintained balances.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { addDays, fiscalYearOf } from "../periods/fiscal-year";
import { reportRepository } from "./report.repository";
import { withReportSettings } from "./report-settings";
import { toTrialBalanceDto, type TrialBalanceDto, type TrialBalanceQuery } from "./report.schemas";
import { buildTrialBalance } from "./trial-balance";

/** @throws AppError 503 LEDGER_UNAVAILABLE when the organization's ledger is not set up */
export async function getTrialBalance(tx: Tx, scope: Scope, query: Pick<TrialBalanceQuery, "asOf">): Promise<TrialBalanceDto> {
  const { organizationId } = scope;
  const {
    settings,
    accounts,
    movements: [opening, period],
  } = await withReportSettings(tx, organizationId, (assumed) => {
    const { start } = fiscalYearOf(query.asOf, assumed.fiscalYearStartMonth);
    return reportRepository(tx).accountsWithMovements(organizationId, [
      { from: null, to: addDays(start, -1) },
      { from: start, to: query.asOf },
    ]);
  });
  const { start } = fiscalYearOf(query.asOf, settings.fiscalYearStartMonth);
  return toTrialBalanceDto(buildTrialBalance(accounts, opening!, period!), { asOf: query.asOf, from: start, currency: settings.baseCurrency });
}
