/**
 * The trial balance: every posting account that has a balance or moved, with its opening
 * balance, the period's debits and credits, and its closing balance. Because every posted entry
 * balances, the debit and credit columns add up to the same total, and so do the debit and credit
 * balances at the opening and at the close.
 */
import type { Decimal } from "@erp/money";
import { normalBalance } from "../accounts/account-types";
import { assertKnownAccounts, byCode } from "./account-tree";
import {
  debitBalance,
  hasMovement,
  movementOf,
  ZERO,
  type AccountType,
  type Movements,
  type NormalBalance,
  type ReportAccount,
} from "./ledger-amounts";

export interface TrialBalanceRow {
  accountId: string;
  code: string;
  name: string;
  type: AccountType;
  normalBalance: NormalBalance;
  /** Balance before the period, debit minus credit (negative = a credit balance). */
  opening: Decimal;
  debit: Decimal;
  credit: Decimal;
  /** opening + debit − credit. */
  closing: Decimal;
}

/** Column totals; each pair is equal in a sound ledger. */
export interface TrialBalanceTotals {
  openingDebit: Decimal;
  openingCredit: Decimal;
  debit: Decimal;
  credit: Decimal;
  closingDebit: Decimal;
  closingCredit: Decimal;
}

export interface TrialBalance {
  rows: TrialBalanceRow[];
  totals: TrialBalanceTotals;
}

/**
 * The trial balance from each account's movements before the period (`opening`) and within it
 * (`period`), rows ordered by account code. Accounts with neither a balance nor a movement are
 * left out; group accounts never carry lines.
 * @throws Error when a movement belongs to an account not in `accounts` (the caller read them inconsistently)
 */
export function buildTrialBalance(accounts: readonly ReportAccount[], opening: Movements, period: Movements): TrialBalance {
  assertKnownAccounts(accounts, opening, period);
  const rows: TrialBalanceRow[] = [];
  for (const account of [...accounts].sort(byCode)) {
    const before = movementOf(opening, account.id);
    const during = movementOf(period, account.id);
    const openingBalance = debitBalance(before);
    if (openingBalance.isZero() && !hasMovement(during)) continue;
    rows.push({
      accountId: account.id,
      code: account.code,
      name: account.name,
      type: account.type,
      normalBalance: normalBalance(account.type),
      opening: openingBalance,
      debit: during.debit,
      credit: during.credit,
      closing: openingBalance.plus(during.debit).minus(during.credit),
    });
  }
  return { rows, totals: totalsOf(rows) };
}

function totalsOf(rows: readonly TrialBalanceRow[]): TrialBalanceTotals {
  const totals: TrialBalanceTotals = { openingDebit: ZERO, openingCredit: ZERO, debit: ZERO, credit: ZERO, closingDebit: ZERO, closingCredit: ZERO };
  for (const row of rows) {
    if (row.opening.gt(0)) totals.openingDebit = totals.openingDebit.plus(row.opening);
    else totals.openingCredit = totals.openingCredit.minus(row.opening);
    totals.debit = totals.debit.plus(row.debit);
    totals.credit = totals.credit.plus(row.credit);
    if (row.closing.gt(0)) totals.closingDebit = totals.closingDebit.plus(row.closing);
    else totals.closingCredit = totals.closingCredit.minus(row.closing);
  }
  return totals;
}

