/** One account's lines in date order, each with the account's balance after it. */
import type { Decimal } from "@erp/money";

/** A posted line of the account, base-currency amounts. */
export interface LedgerLineAmounts {
  debit: Decimal;
  credit: Decimal;
}

/**
 * Each line with `runningBalance`: the balance before the first line (`opening`, debit minus
 * credit) plus every line up to and including it. Lines must be in ledger order (date, then
 * posting order); a later page starts from the last running balance of the page before.
 */
export function withRunningBalance<Line extends LedgerLineAmounts>(opening: Decimal, lines: readonly Line[]): (Line & { runningBalance: Decimal })[] {
  let balance = opening;
  return lines.map((line) => {
    balance = balance.plus(line.debit).minus(line.credit);
    return { ...line, runningBalance: balance };
  });
}
