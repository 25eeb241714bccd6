/**
 * Perpetual inventory: each stock movement master-data records (`inventory.stock.moved`) posted to
 * the ledger at the value master-data computed, so the inventory account always holds what the
 * stock valuation says. One entry per movement, its source `{type: "stock_movement", id}`: a
 * redelivered event finds the entry already posted and posts nothing.
 *
 * - receipt: Dr inventory / Cr goods received not invoiced (the supplier's bill clears it later);
 * - issue: Dr cost of goods sold / Cr inventory;
 * - adjustment: inventory against the stock adjustment account, the side by the value's sign;
 * - transfer_out / transfer_in: nothing. The chart has one inventory account for every warehouse,
 *   and a transfer's legs carry the same value out and in, so the account's balance does not move.
 *
 * The movement's value is signed (what it added to or took from the stock's value): the inventory
 * line takes it as it is and the other account the opposite, so the inventory account moves by
 * exactly the movement's value whatever the type. A movement worth nothing posts nothing.
 *
 * The value is in the product's currency. In another currency than the base, the lines are posted
 * in it at the organization's rate on the entry's date (refused 422 EXCHANGE_RATE_MISSING without
 * one: the event goes to the dead letters until the rate is recorded and it is replayed).
 *
 * Dated the movement's day (UTC). A day on or before the lock date is posted on the first open day
 * instead, the memo keeping the movement's own date: the goods moved, and the locked period's
 * books stay as they were reported.
 */
import { unprocessable } from "@erp/errors";
import { Decimal } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { accountRepository } from "../accounts/account.repository";
import { postEntryOnce } from "../journal/post-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import type { EntryLineInput, JournalEntryDto } from "../journal/journal.schemas";
import { periodRepository } from "../periods/period.repository";

export const STOCK_MOVEMENT_SOURCE = "stock_movement";
export const STOCK_ACCOUNT_MISSING = "STOCK_ACCOUNT_MISSING";

export type StockMovementType = "receipt" | "issue" | "transfer_out" | "transfer_in" | "adjustment";

/** The part of `inventory.stock.moved` the ledger needs, and when it happened. */
export interface StockMovement {
  movementId: string;
  productId: string;
  warehouseId: string;
  type: StockMovementType;
  /** Signed, 3 decimals */
  quantity: string;
  /** Signed: what the movement added to (or took from) the stock's value, in `currency`. */
  value: string;
  currency: string;
  reason: string | null;
  reference: { type: string; id: string } | null;
  /** When master-data recorded it (ISO 8601). */
  occurredAt: string;
}

type CounterSubtype = "goods_received_not_invoiced" | "cost_of_goods_sold" | "stock_adjustment";

/** The account the inventory is posted against, per movement type; null: the type posts nothing. */
const COUNTER_SUBTYPE: Record<StockMovementType, CounterSubtype | null> = {
  receipt: "goods_received_not_invoiced",
  issue: "cost_of_goods_sold",
  adjustment: "stock_adjustment",
  transfer_out: null,
  transfer_in: null,
};

/** 422 STOCK_ACCOUNT_MISSING: the chart has no active posting account of `subtype`. */
const stockAccountMissing = (subtype: string, movementId: string) =>
  unprocessable(STOCK_ACCOUNT_MISSING, `Stock movement ${movementId} cannot be posted: the chart has no active posting account of subtype ${subtype}`, [
    { path: "subtype", message: `Needs an account of subtype ${subtype}` },
  ]);

/** `YYYY-MM-DD` of the day after `date` (`YYYY-MM-DD`). */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The entry date of a movement recorded at `occurredAt` with the organization locked through
 * `lockedThrough`: its own day, or the first open day after the lock.
 */
export function stockEntryDate(occurredAt: string, lockedThrough: string | null): { date: string; moved: boolean } {
  const day = new Date(occurredAt).toISOString().slice(0, 10);
  if (lockedThrough !== null && day <= lockedThrough) return { date: nextDay(lockedThrough), moved: true };
  return { date: day, moved: false };
}

/**
 * Posts `movement` once. Returns the entry (the one posted before when the movement had one), or
 * null when the movement posts nothing (a transfer leg, a value of 0).
 * @throws AppError 422 STOCK_ACCOUNT_MISSING; what posting refuses (422 EXCHANGE_RATE_MISSING,
 *   PERIOD_LOCKED when the lock moved meanwhile: a retry takes the new lock date); 503
 *   LEDGER_UNAVAILABLE before the organization's ledger is set up
 */
export async function postStockMovement(tx: Tx, scope: Scope, movement: StockMovement): Promise<{ entry: JournalEntryDto; created: boolean } | null> {
  const counterSubtype = COUNTER_SUBTYPE[movement.type];
  const value = new Decimal(movement.value);
  if (counterSubtype === null || value.isZero()) return null;

  // Before the accounts: an organization whose ledger was never set up is told so (503), not a missing account.
  await ledgerSettingsOf(tx, scope.organizationId);
  const accountOf = async (subtype: "inventory" | CounterSubtype) => {
    const account = await accountRepository(tx).firstOfSubtype(scope.organizationId, subtype);
    if (!account) throw stockAccountMissing(subtype, movement.movementId);
    return account;
  };
  const inventory = await accountOf("inventory");
  const counter = await accountOf(counterSubtype);

  const { date, moved } = stockEntryDate(movement.occurredAt, await periodRepository(tx).lockedThrough(scope.organizationId));
  const description = `Stock ${movement.type.replace("_", " ")} ${movement.quantity}`;
  const amount = value.abs().toFixed();
  const line = (accountId: string, debit: boolean): EntryLineInput => ({
    accountId,
    ...(debit ? { debit: amount } : { credit: amount }),
    currency: movement.currency,
    description,
  });
  const inward = value.isPositive();
  const memo = [
    `${description} of product ${movement.productId} in warehouse ${movement.warehouseId}`,
    movement.reason ? `: ${movement.reason}` : "",
    moved ? ` (moved ${movement.occurredAt.slice(0, 10)}, a locked period: posted on the first open day)` : "",
  ].join("");
  return postEntryOnce(tx, scope, {
    date,
    memo,
    ...(movement.reference ? { reference: `${movement.reference.type} ${movement.reference.id}`.slice(0, 200) } : {}),
    source: { type: STOCK_MOVEMENT_SOURCE, id: movement.movementId },
    lines: [line(inventory.id, inward), line(counter.id, !inward)],
  });
}
