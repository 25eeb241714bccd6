/** The balance sheet at the end of a day, from the maintained balances. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { addDays, fiscalYearOf } from "../periods/fiscal-year";
import { buildBalanceSheet } from "./balance-sheet";
import { reportRepository } from "./report.repository";
import { withReportSettings } from "./report-settings";
import { toBalanceSheetDto, type BalanceSheetDto, type BalanceSheetQuery } from "./report.schemas";

/** @throws AppError 503 LEDGER_UNAVAILABLE when the organization's ledger is not set up */
export async function getBalanceSheet(tx: Tx, scope: Scope, query: Pick<BalanceSheetQuery, "asOf">): Promise<BalanceSheetDto> {
  const { organizationId } = scope;
  const {
    settings,
    accounts,
    movements: [beforeYear, yearToDate],
  } = await withReportSettings(tx, organizationId, (assumed) => {
    const fiscalYear = fiscalYearOf(query.asOf, assumed.fiscalYearStartMonth);
    return reportRepository(tx).accountsWithMovements(organizationId, [
      { from: null, to: addDays(fiscalYear.start, -1) },
      { from: fiscalYear.start, to: query.asOf },
    ]);
  });
  const fiscalYear = fiscalYearOf(query.asOf, settings.fiscalYearStartMonth);
  return toBalanceSheetDto(buildBalanceSheet(accounts, beforeYear!, yearToDate!), { asOf: query.asOf, fiscalYear, currency: settings.baseCurrency });
}
