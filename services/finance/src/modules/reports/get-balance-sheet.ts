/** The balance sheet at the end of a day, from the maintained balances. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { addDays, fiscalYearOf } from "../periods/fiscal-year";
import { buildBalanceSheet } from "./balance-sheet";
import { reportRepository } from "./report.repository";
import { toBalanceSheetDto, type BalanceSheetDto, type BalanceSheetQuery } from "./report.schemas";

/** @throws AppError 503 LEDGER_UNAVAILABLE when the organization's ledger is not set up */
export async function getBalanceSheet(tx: Tx, scope: Scope, query: Pick<BalanceSheetQuery, "asOf">): Promise<BalanceSheetDto> {
  const { organizationId } = scope;
  const settings = await ledgerSettingsOf(tx, organizationId);
  const fiscalYear = fiscalYearOf(query.asOf, settings.fiscalYearStartMonth);
  const {
    accounts,
    movements: [beforeYear, yearToDate],
  } = await reportRepository(tx).accountsWithMovements(organizationId, [
    { from: null, to: addDays(fiscalYear.start, -1) },
    { from: fiscalYear.start, to: query.asOf },
  ]);
  return toBalanceSheetDto(buildBalanceSheet(accounts, beforeYear!, yearToDate!), { asOf: query.asOf, fiscalYear, currency: settings.baseCurrency });
}
