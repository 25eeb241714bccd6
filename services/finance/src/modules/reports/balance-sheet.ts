/**
 * The balance sheet at a date: assets, liabilities and equity as the chart's tree, with the
 * earnings not yet closed into retained earnings shown inside equity, so that assets =
 * liabilities + equity holds whatever was posted (every posted entry balances, so the debit
 * balances of all accounts add up to zero).
 */
import type { Decimal } from "@erp/money";
import { assertKnownAccounts, buildSection, type ReportSection } from "./account-tree";
import { combineMovements, movementOf, naturalBalance, ZERO, type Movements, type ReportAccount } from "./ledger-amounts";

export interface BalanceSheet {
  /** Debit balances (positive = owned). */
  assets: ReportSection;
  /** Credit balances (positive = owed). */
  liabilities: ReportSection;
  /** Equity accounts' credit balances; the totals include the two earnings figures below. */
  equity: ReportSection & {
    /** Income − expenses from the start of the fiscal year to the date (after a year-end close: 0). */
    currentYearEarnings: Decimal;
    /** Income − expenses of earlier fiscal years that no closing entry moved to retained earnings. */
    unclosedPriorYearsEarnings: Decimal;
  };
  totals: { assets: Decimal; liabilities: Decimal; equity: Decimal; liabilitiesAndEquity: Decimal };
}

/**
 * The balance sheet from each account's movements before the fiscal year that holds the date
 * (`beforeYear`) and from the year's start through the date (`yearToDate`). Accounts with a zero
 * balance are left out.
 * @throws Error when a movement belongs to an account not in `accounts`
 */
export function buildBalanceSheet(accounts: readonly ReportAccount[], beforeYear: Movements, yearToDate: Movements): BalanceSheet {
  assertKnownAccounts(accounts, beforeYear, yearToDate);
  const balances = combineMovements(beforeYear, yearToDate);
  const balanceOf = (account: ReportAccount) => naturalBalance(account.type, movementOf(balances, account.id));
  const section = (type: "asset" | "liability" | "equity") =>
    buildSection(accounts, { types: [type], columns: 1, amountOf: balanceOf, keep: (account) => !balanceOf(account).isZero() });

  const earnings = (movements: Movements) =>
    accounts
      .filter((account) => account.type === "income" || account.type === "expense")
      .reduce((sum, account) => sum.minus(movementOf(movements, account.id).debit).plus(movementOf(movements, account.id).credit), ZERO);
  const currentYearEarnings = earnings(yearToDate);
  const unclosedPriorYearsEarnings = earnings(beforeYear);

  const assets = section("asset");
  const liabilities = section("liability");
  const equityAccounts = section("equity");
  const equityTotal = equityAccounts.totals[0]!.plus(currentYearEarnings).plus(unclosedPriorYearsEarnings);
  return {
    assets,
    liabilities,
    equity: { ...equityAccounts, totals: [equityTotal], currentYearEarnings, unclosedPriorYearsEarnings },
    totals: {
      assets: assets.totals[0]!,
      liabilities: liabilities.totals[0]!,
      equity: equityTotal,
      liabilitiesAndEquity: liabilities.totals[0]!.plus(equityTotal),
    },
  };
}
