/**
 * Perpetual inventory: each stock movement master-data records (`inventory.stock.moved`) posted to
 * the ledger at the value master-data computed, so the inventory account always holds what the
 * stock valuation says. One entry per movement, its source `{type: "stock_movement", id}`: a
 * redelivered event finds the entry already posted and posts nothing.
 *
 * The movement's `value` is signed (what it added to or took from the stock's value). With
 * negative stock, an addition that clears a deficit adds less or more than the goods cost: the
 * goods issued short left at the rate of the time and are now revalued at the incoming cost. The
 * event carries that difference as `revaluation` (signed; `value + revaluation` is what the goods
 * moved cost; 0 for every other movement and in events written before it existed). As Odoo does
 * when incoming goods clear negative stock (its valuation layers' "vacuum", posted on the
 * delivery's accounts), the revaluation goes to cost of goods sold: the goods sold earlier cost
 * that much more (or less) than was booked.
 *
 * - receipt: Dr inventory `value`, Dr cost of goods sold `revaluation`, Cr goods received not
 *   invoiced `value + revaluation` (the goods' cost: the supplier's bill clears it);
 * - issue: Dr cost of goods sold / Cr inventory, `value`;
 * - adjustment: inventory `value`, cost of goods sold `revaluation`, the stock adjustment account
 *   the balance (`value + revaluation`, what was counted in or out at its cost);
 * - transfer_out: nothing. The chart has one inventory account for every warehouse;
 * - transfer_in: only its `revaluation`, Dr cost of goods sold / Cr inventory. The leaving leg took
 *   out X, the arriving one brought X in at the transfer's value, of which `value` = X −
 *   `revaluation` stayed on the stock's value: the stock held changed by −`revaluation`.
 *
 * Each amount is a debit when positive and a credit when negative, so the inventory account moves
 * by exactly what the stock's value moved. A line of 0 is left out; a movement whose lines are all
 * 0 posts nothing.
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
  /** Signed, in `currency`: what an addition clearing negative stock revalues the goods issued short by; "0" otherwise. */
  revaluation: string;
  currency: string;
  reason: string | null;
  reference: { type: string; id: string } | null;
  /** When master-data recorded it (ISO 8601). */
  occurredAt: string;
}

type StockAccountSubtype = "inventory" | "goods_received_not_invoiced" | "cost_of_goods_sold" | "stock_adjustment";

/** One line of a movement's entry: the account's subtype and the amount, signed (debit positive). */
export interface StockEntryAmount {
  subtype: StockAccountSubtype;
  amount: Decimal;
  /** The line revalues goods issued short rather than moving the goods themselves. */
  revalues: boolean;
}

/**
 * The lines `movement` posts (see the module's rule), without those of 0: they sum to 0, and an
 * empty list posts nothing.
 */
export function stockEntryAmounts(movement: Pick<StockMovement, "type" | "value" | "revaluation">): StockEntryAmount[] {
  const value = new Decimal(movement.value);
  const revaluation = new Decimal(movement.revaluation);
  const cost = value.plus(revaluation);
  const goods = (subtype: StockAccountSubtype, amount: Decimal) => ({ subtype, amount, revalues: false });
  const revalued = (subtype: StockAccountSubtype, amount: Decimal) => ({ subtype, amount, revalues: true });
  const lines: Record<StockMovementType, StockEntryAmount[]> = {
    receipt: [goods("inventory", value), revalued("cost_of_goods_sold", revaluation), goods("goods_received_not_invoiced", cost.negated())],
    issue: [goods("inventory", value), goods("cost_of_goods_sold", value.negated())],
    adjustment: [goods("inventory", value), revalued("cost_of_goods_sold", revaluation), goods("stock_adjustment", cost.negated())],
    transfer_out: [],
    transfer_in: [revalued("cost_of_goods_sold", revaluation), revalued("inventory", revaluation.negated())],
  };
  return lines[movement.type].filter((line) => !line.amount.isZero());
}

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
 * null when the movement posts nothing (a transfer leg without a revaluation, a value of 0).
 * @throws AppError 422 STOCK_ACCOUNT_MISSING; what posting refuses (422 EXCHANGE_RATE_MISSING,
 *   PERIOD_LOCKED when the lock moved meanwhile: a retry takes the new lock date); 503
 *   LEDGER_UNAVAILABLE before the organization's ledger is set up
 */
export async function postStockMovement(tx: Tx, scope: Scope, movement: StockMovement): Promise<{ entry: JournalEntryDto; created: boolean } | null> {
  const amounts = stockEntryAmounts(movement);
  if (amounts.length === 0) return null;

  // Before the accounts: an organization whose ledger was never set up is told so (503), not a missing account.
  await ledgerSettingsOf(tx, scope.organizationId);
  const accounts = new Map<StockAccountSubtype, string>();
  for (const { subtype } of amounts) {
    if (accounts.has(subtype)) continue;
    const account = await accountRepository(tx).firstOfSubtype(scope.organizationId, subtype);
    if (!account) throw stockAccountMissing(subtype, movement.movementId);
    accounts.set(subtype, account.id);
  }

  const { date, moved } = stockEntryDate(movement.occurredAt, await periodRepository(tx).lockedThrough(scope.organizationId));
  const description = `Stock ${movement.type.replace("_", " ")} ${movement.quantity}`;
  const revaluation = new Decimal(movement.revaluation);
  const line = ({ subtype, amount, revalues }: StockEntryAmount): EntryLineInput => ({
    accountId: accounts.get(subtype)!,
    ...(amount.isPositive() ? { debit: amount.abs().toFixed() } : { credit: amount.abs().toFixed() }),
    currency: movement.currency,
    description: revalues ? `${description}: revaluation of stock issued below 0` : description,
  });
  const memo = [
    `${description} of product ${movement.productId} in warehouse ${movement.warehouseId}`,
    movement.reason ? `: ${movement.reason}` : "",
    revaluation.isZero() ? "" : ` (revalues the stock issued below 0 by ${movement.revaluation} ${movement.currency})`,
    moved ? ` (moved ${movement.occurredAt.slice(0, 10)}, a locked period: posted on the first open day)` : "",
  ].join("");
  return postEntryOnce(tx, scope, {
    date,
    memo,
    ...(movement.reference ? { reference: `${movement.reference.type} ${movement.reference.id}`.slice(0, 200) } : {}),
    source: { type: STOCK_MOVEMENT_SOURCE, id: movement.movementId },
    lines: amounts.map(line),
  });
}
