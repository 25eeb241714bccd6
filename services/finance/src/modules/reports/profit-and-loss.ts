/**
 * Profit and loss: income and expenses of a period, each as the chart's tree, and the net income
 * (income − expenses); optionally a comparison period as a second column.
 */
import type { Decimal } from "@erp/money";
import { assertKnownAccounts, buildSection, type ReportSection } from "./account-tree";
import { hasMovement, movementOf, naturalBalance, type Movements, type ReportAccount } from "./ledger-amounts";

export interface ProfitAndLoss {
  /** Income accounts, each as credit − debit (positive = earned). */
  income: ReportSection;
  /** Expense accounts, each as debit − credit (positive = spent). */
  expenses: ReportSection;
  /** Per column: income − expenses (negative = a loss). */
  netIncome: Decimal[];
}

/**
 * The statement from the movements of income and expense accounts in each period: `periods[0]`
 * is the period asked for, `periods[1]` (optional) the comparison period. An account is shown when
 * it moved in any of the periods; the closing entry of a year is not a movement of its earnings,
 * so the caller leaves it out of `periods`.
 * @throws Error when a movement belongs to an account not in `accounts`
 */
export function buildProfitAndLoss(accounts: readonly ReportAccount[], periods: readonly Movements[]): ProfitAndLoss {
  assertKnownAccounts(accounts, ...periods);
  const section = (type: "income" | "expense") =>
    buildSection(accounts, {
      types: [type],
      columns: periods.length,
      amountOf: (account, column) => naturalBalance(account.type, movementOf(periods[column]!, account.id)),
      keep: (account) => periods.some((movements) => hasMovement(movementOf(movements, account.id))),
    });
  const income = section("income");
  const expenses = section("expense");
  return { income, expenses, netIncome: income.totals.map((earned, column) => earned.minus(expenses.totals[column]!)) };
}
