/**
 * The year-end closing entry's lines: every income and expense account brought to zero at the
 * end of the fiscal year, the difference (the year's net income, or loss) moved to retained
 * earnings. Closing from the balances at the year's end, rather than from the year's movements,
 * also sweeps earlier years nobody closed, and a second close after a late posting moves only
 * what is left.
 */
import type { Decimal } from "@erp/money";
import { byCode } from "../reports/account-tree";
import { debitBalance, movementOf, ZERO, type Movements, type ReportAccount } from "../reports/ledger-amounts";

/** A line of the closing entry, in base currency: exactly one of debit and credit is non-zero. */
export interface ClosingLine {
  accountId: string;
  debit: Decimal;
  credit: Decimal;
}

/**
 * The closing lines from each account's balance at the end of the year (`balances`, everything
 * posted through its last day), ordered by account code with retained earnings last. Empty when
 * no income or expense account holds a balance: there is nothing to close.
 */
export function closingLines(accounts: readonly ReportAccount[], balances: Movements, retainedEarningsAccountId: string): ClosingLine[] {
  const lines: ClosingLine[] = [];
  for (const account of accounts.filter((a) => a.type === "income" || a.type === "expense").sort(byCode)) {
    const balance = debitBalance(movementOf(balances, account.id));
    if (balance.isZero()) continue;
    lines.push(balance.gt(0) ? { accountId: account.id, debit: ZERO, credit: balance } : { accountId: account.id, debit: balance.negated(), credit: ZERO });
  }
  const difference = lines.reduce((sum, line) => sum.plus(line.debit).minus(line.credit), ZERO);
  if (!difference.isZero()) {
    lines.push(
      difference.gt(0)
        ? { accountId: retainedEarningsAccountId, debit: ZERO, credit: difference }
        : { accountId: retainedEarningsAccountId, debit: difference.negated(), credit: ZERO },
    );
  }
  return lines;
}
