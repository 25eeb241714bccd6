/**
 * The stock ledger's arithmetic, without a database: what one movement does to a level's quantity
 * and value, at what unit cost, and whether it crosses the reorder level.
 *
 * A level keeps its running value, not a rounded average. A movement towards 0 takes the share of
 * the value its quantity is of the quantity on hand, at the unrounded rate (value × moved ÷ on
 * hand), rounded to the currency's minor unit; the movement that reaches 0 takes exactly what is
 * left. So a level's value is always the sum of its movements' values, and 0 with the quantity.
 * A movement away from 0 (a receipt, an issue into negative stock) is valued at its own cost.
 *
 * With negative stock, an addition that clears a deficit takes the deficit's value back (the goods
 * issued short, at the rate they left at), not its own cost: the difference is its revaluation, what
 * the goods issued earlier turn out to have cost more (or less) than they were booked at.
 */
import { Decimal } from "@erp/money";
import { insufficientStock } from "./stock.errors";

/**
 * Decimal with room for every product of a value (24 digits) and a quantity (18 digits): the
 * default 20 significant digits would round a share before it is rounded to the minor unit.
 * Instances are Decimals (Prisma accepts them); arithmetic starting from one keeps this precision.
 */
const Exact = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });

/** Costs per unit are kept (and shown) with 4 decimals, as `unit_cost` and `average_cost` are. */
export const UNIT_COST_SCALE = 4;

/** A level's running totals. `value` is in the product's currency; `averageCost` is per unit. */
export interface LevelBalance {
  quantity: Decimal;
  value: Decimal;
  /** value ÷ quantity to 4 decimals; while nothing is on hand, the last one (prices what leaves). */
  averageCost: Decimal;
}

/** What moves. `quantity` is signed: positive adds stock, negative removes it; never 0. */
export interface MovementChange {
  quantity: Decimal;
  /**
   * For additions: the cost per unit of what comes in, and optionally its exact total value (a
   * transfer's arriving leg carries the value its leaving leg took out). Without it an addition
   * comes in at the level's current rate; removals always go out at the level's rate.
   */
  incoming?: { unitCost: Decimal; value?: Decimal };
}

export interface LedgerRules {
  /** Decimals of the currency's minor unit (2 for EUR, 0 for JPY, 3 for KWD). */
  minorUnits: number;
  allowNegativeStock: boolean;
  reorderLevel: Decimal | null;
}

/** One movement as the ledger records it, and the level after it. */
export interface Posting {
  /** Signed, as given. */
  quantity: Decimal;
  /** The cost per unit it moved at (4 decimals): the given cost in, the level's rate out. */
  unitCost: Decimal;
  /** Signed: what it added to (or took from) the level's value, in minor units of the currency. */
  value: Decimal;
  /**
   * Signed, in minor units of the currency: for an addition, what it came in at (quantity × its
   * cost, or a transfer's carried value) less `value`, so that `value + revaluation` is the goods'
   * own cost. Not 0 only when it clears (some of) a deficit, whose goods went out at the old rate
   * and are now revalued at the incoming one; 0 for removals.
   */
  revaluation: Decimal;
  after: LevelBalance;
  /** It took on-hand from at or above the reorder level to below it (once per crossing). */
  crossedReorderLevel: boolean;
}

/**
 * Applies `change` to `level` and returns the posting; `level` is not modified.
 * @throws AppError 422 INSUFFICIENT_STOCK when a removal would take the quantity below 0 and the
 *   organization does not allow negative stock
 * @throws Error when the quantity is 0 (a caller bug: schemas refuse it)
 */
export function applyMovement(level: LevelBalance, change: MovementChange, rules: LedgerRules): Posting {
  const before = new Exact(level.quantity);
  const held = new Exact(level.value);
  const moved = new Exact(change.quantity);
  if (moved.isZero()) throw new Error("A stock movement needs a quantity other than 0");
  const after = before.plus(moved);
  if (moved.isNegative() && after.isNegative() && !rules.allowNegativeStock) throw insufficientStock(level.quantity);

  const rate = currentRate(level);
  const incoming = moved.isPositive() ? change.incoming : undefined;
  const unitCost = incoming ? new Exact(incoming.unitCost) : rate.toDecimalPlaces(UNIT_COST_SCALE);

  // What an addition is worth at its own cost: a transfer's carried value, or quantity × cost.
  let incomingValue: Decimal | null = null;
  if (moved.isPositive()) {
    incomingValue = incoming?.value !== undefined ? new Exact(incoming.value) : roundTo(moved.times(incoming ? unitCost : rate), rules.minorUnits);
  }

  // The part that takes the level towards 0 takes its share of the value held ...
  const towardsZero = before.lt(0) !== moved.lt(0) ? Exact.min(moved.abs(), before.abs()) : new Exact(0);
  let share = new Exact(0);
  if (towardsZero.eq(before.abs())) share = held;
  else if (!towardsZero.isZero()) share = roundTo(held.times(towardsZero).div(before.abs()), rules.minorUnits);
  // ... and the part beyond 0 is valued at its own cost: what comes in at its cost, what goes
  // out (into negative stock) at the level's rate.
  const beyond = moved.abs().minus(towardsZero);
  let beyondValue = new Exact(0);
  if (incomingValue === null) {
    beyondValue = roundTo(beyond.times(rate), rules.minorUnits).negated();
  } else if (!beyond.isZero()) {
    beyondValue = beyond.eq(moved) ? incomingValue : roundTo(incomingValue.times(beyond).div(moved), rules.minorUnits);
  }
  const value = beyondValue.minus(share);
  const revaluation = incomingValue === null ? new Exact(0) : incomingValue.minus(value);
  const valueAfter = held.plus(value);

  let averageCost: Decimal;
  if (!after.isZero()) averageCost = valueAfter.div(after).toDecimalPlaces(UNIT_COST_SCALE);
  else averageCost = moved.isPositive() ? unitCost : new Exact(level.averageCost);

  const reorder = rules.reorderLevel;
  return {
    quantity: moved,
    unitCost,
    value,
    revaluation,
    after: { quantity: after, value: valueAfter, averageCost },
    crossedReorderLevel: reorder !== null && before.gte(reorder) && after.lt(reorder),
  };
}

/** The unrounded cost per unit on hand; the last average while the level is empty. */
function currentRate(level: LevelBalance): Decimal {
  return level.quantity.isZero() ? new Exact(level.averageCost) : new Exact(level.value).div(level.quantity);
}

/** Half away from zero, so that a share and its negation round alike. */
function roundTo(value: Decimal, decimals: number): Decimal {
  return value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}
