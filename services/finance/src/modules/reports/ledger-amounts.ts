/**
 * The arithmetic every report shares: debit and credit sums per account in the organization's
 * base currency, exact decimals, and which side of the ledger an account normally sits on.
 */
import { Decimal } from "@erp/money";
import type { AccountType } from "../../generated/prisma/enums";
import { normalBalance } from "../accounts/account-types";

export type { AccountType };

/** The side an account's balance normally sits on. */
export type NormalBalance = ReturnType<typeof normalBalance>;

/** Base-currency sums of an account's lines over some range of dates. */
export interface Movement {
  debit: Decimal;
  credit: Decimal;
}

/** Movements by account id; an absent account moved nothing. */
export type Movements = ReadonlyMap<string, Movement>;

/** What a report needs to know of an account of the chart. */
export interface ReportAccount {
  id: string;
  code: string;
  name: string;
  type: AccountType;
  /** The group account it sits under, null at the top of the tree. */
  parentId: string | null;
  /** Group accounts hold children and are never posted to. */
  isGroup: boolean;
}

export const ZERO = new Decimal(0);
export const NO_MOVEMENT: Movement = Object.freeze({ debit: ZERO, credit: ZERO });

/** The movement of `accountId`, zero when it has none. */
export function movementOf(movements: Movements, accountId: string): Movement {
  return movements.get(accountId) ?? NO_MOVEMENT;
}

/** Debit minus credit: the balance as the ledger signs it (positive = a debit balance). */
export function debitBalance(movement: Movement): Decimal {
  return movement.debit.minus(movement.credit);
}

/**
 * The balance seen from the account's normal side: positive when the account holds the balance
 * its type expects (an asset's debit balance, income's credit balance), negative otherwise.
 */
export function naturalBalance(type: AccountType, movement: Movement): Decimal {
  const balance = debitBalance(movement);
  return normalBalance(type) === "debit" ? balance : balance.negated();
}

/** The two movements added up. */
export function addMovements(a: Movement, b: Movement): Movement {
  return { debit: a.debit.plus(b.debit), credit: a.credit.plus(b.credit) };
}

/** Movements per account, each the sum of both maps' (balances up to a date = opening + period). */
export function combineMovements(a: Movements, b: Movements): Map<string, Movement> {
  const sum = new Map(a);
  for (const [accountId, movement] of b) sum.set(accountId, addMovements(sum.get(accountId) ?? NO_MOVEMENT, movement));
  return sum;
}

/** True when the account moved at all (debits or credits, even when they cancel out). */
export function hasMovement(movement: Movement): boolean {
  return !movement.debit.isZero() || !movement.credit.isZero();
}
