/** The ledger's arithmetic on its own: quantities, running value, revaluations, rates and reorder crossings. */
import fc from "fast-check";
import { AppError } from "@erp/errors";
import { Decimal } from "@erp/money";
import { applyMovement, type LedgerRules, type LevelBalance, type MovementChange, type Posting } from "./stock-calculation";

const d = (value: string | number) => new Decimal(value);
const empty: LevelBalance = { quantity: d(0), value: d(0), averageCost: d(0) };
const eur: LedgerRules = { minorUnits: 2, allowNegativeStock: false, reorderLevel: null };

const receive = (quantity: string, unitCost: string): MovementChange => ({ quantity: d(quantity), incoming: { unitCost: d(unitCost) } });
const issue = (quantity: string): MovementChange => ({ quantity: d(quantity).negated() });

/** Posts the changes one after another from `start`; returns every posting. */
function post(changes: MovementChange[], rules = eur, start = empty): Posting[] {
  const postings: Posting[] = [];
  let level = start;
  for (const change of changes) {
    const posting = applyMovement(level, change, rules);
    postings.push(posting);
    level = posting.after;
  }
  return postings;
}

const last = <T>(items: T[]): T => items[items.length - 1]!;
const text = (value: Decimal) => value.toFixed();
/** A balance as plain strings: Decimals of different precision settings compare unequal as objects. */
const shown = (level: LevelBalance) => ({ quantity: text(level.quantity), value: text(level.value), averageCost: text(level.averageCost) });

describe("value of receipts and issues", () => {
  it("1000 at 10.00 and 2000 at 10.01 are worth exactly 30020.00, and issuing all 3000 takes out exactly that", () => {
    const postings = post([receive("1000", "10.00"), receive("2000", "10.01"), issue("3000")]);
    expect(postings.map((p) => text(p.value))).toEqual(["10000", "20020", "-30020"]);
    expect(text(postings[1]!.after.value)).toBe("30020");
    expect(postings[1]!.after.averageCost.toFixed(4)).toBe("10.0067");
    expect(shown(last(postings).after)).toEqual({ quantity: "0", value: "0", averageCost: "10.0067" });
  });

  it("issues take their share at the unrounded rate, rounded to the cent, and the last one takes exactly what is left", () => {
    const postings = post([receive("3", "3.3333"), issue("1"), issue("1"), issue("1")]);
    // 3 × 3.3333 = 9.9999 → 10.00; then 10.00 × 1/3 = 3.33, 6.67 × 1/2 = 3.335 → 3.34, and the rest.
    expect(postings.map((p) => text(p.value))).toEqual(["10", "-3.33", "-3.34", "-3.33"]);
    expect(postings.map((p) => p.unitCost.toFixed(4))).toEqual(["3.3333", "3.3333", "3.3350", "3.3300"]);
    expect(last(postings).after.value.isZero()).toBe(true);
  });

  it("values are rounded to the currency's minor unit: none for JPY, three decimals for KWD", () => {
    expect(post([receive("3", "0.4")], { ...eur, minorUnits: 0 }).map((p) => text(p.value))).toEqual(["1"]);
    expect(post([receive("3", "0.3333"), issue("1")], { ...eur, minorUnits: 3 }).map((p) => text(p.value))).toEqual(["1", "-0.333"]);
  });

  it("a share of a value too long for 20 significant digits is still exact", () => {
    const [, taken] = post([receive("999999999999999.999", "9999.9999"), issue("333333333333333.333")]);
    // 9999999899999999990.00 (the receipt, to the cent) × 1/3 of the quantity.
    expect(taken!.value.toFixed(2)).toBe("-3333333299999999996.67");
  });

  it("an addition without a cost comes in at the level's current rate", () => {
    const postings = post([receive("3", "1"), issue("1"), { quantity: d("2") }]);
    expect([text(last(postings).unitCost), text(last(postings).value)]).toEqual(["1", "2"]);
    expect(shown(last(postings).after)).toEqual({ quantity: "4", value: "4", averageCost: "1" });
  });

  it("an arriving transfer brings exactly the value it is given", () => {
    const [leaving] = post([issue("1")], eur, { quantity: d(3), value: d(10), averageCost: d("3.3333") });
    const [arriving] = post([{ quantity: d(1), incoming: { unitCost: leaving!.unitCost, value: leaving!.value.negated() } }]);
    expect([text(leaving!.value), text(arriving!.value), text(arriving!.after.value)]).toEqual(["-3.33", "3.33", "3.33"]);
  });
});

describe("running out", () => {
  it("a removal below 0 is refused with INSUFFICIENT_STOCK naming what is on hand", () => {
    const error = (() => {
      try {
        post([receive("5", "1"), issue("5.001")]);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "INSUFFICIENT_STOCK", status: 422, details: [{ path: "quantity", message: "Only 5.000 on hand in this warehouse" }] });
  });

  it("with negative stock allowed, what goes beyond 0 leaves at the last rate and a receipt clears the deficit at that value", () => {
    const rules = { ...eur, allowNegativeStock: true };
    const postings = post([receive("1", "10"), issue("3"), receive("5", "12")], rules);
    // 1 at 10 (all that was there), 2 more at the rate of 10; then 2 back at 10 and 3 new at 12.
    expect(postings.map((p) => text(p.value))).toEqual(["10", "-30", "56"]);
    // The 2 issued short at 10 cost 12 after all: 5 × 12 = 60 came in, 56 of it on the level's value.
    expect(postings.map((p) => text(p.revaluation))).toEqual(["0", "0", "4"]);
    expect(shown(postings[1]!.after)).toEqual({ quantity: "-2", value: "-20", averageCost: "10" });
    expect(shown(last(postings).after)).toEqual({ quantity: "3", value: "36", averageCost: "12" });
  });

  it("with negative stock allowed, a receipt that exactly fills the deficit leaves no value", () => {
    const postings = post([issue("2"), receive("2", "12")], { ...eur, allowNegativeStock: true }, { quantity: d(0), value: d(0), averageCost: d("3.3333") });
    expect(postings.map((p) => text(p.value))).toEqual(["-6.67", "6.67"]);
    expect(text(last(postings).revaluation)).toBe("17.33");
    expect(shown(last(postings).after)).toEqual({ quantity: "0", value: "0", averageCost: "12" });
  });

  it("a movement of 0 is a bug", () => {
    expect(() => post([{ quantity: d(0) }])).toThrow("quantity other than 0");
  });
});

describe("revaluation of goods issued into negative stock", () => {
  const negative = { ...eur, allowNegativeStock: true };
  // 8 issued short at the last cost of 183.38: the level holds -8 worth -1467.04.
  const short = post([issue("8")], negative, { quantity: d(0), value: d(0), averageCost: d("183.38") })[0]!.after;
  const values = (p: Posting) => ({ value: text(p.value), revaluation: text(p.revaluation), after: shown(p.after) });

  it("a receipt clearing part of the deficit takes its share of the deficit's value back and revalues the rest of its cost", () => {
    // 3 of the 8 at 183.38: 550.14; they cost 600.00.
    expect(values(applyMovement(short, receive("3", "200"), negative))).toEqual({
      value: "550.14",
      revaluation: "49.86",
      after: { quantity: "-5", value: "-916.9", averageCost: "183.38" },
    });
  });

  it("a receipt clearing all of it exactly leaves no value, and revalues the goods issued short at the incoming cost", () => {
    expect(values(applyMovement(short, receive("8", "200"), negative))).toEqual({
      value: "1467.04",
      revaluation: "132.96",
      after: { quantity: "0", value: "0", averageCost: "200" },
    });
  });

  it("a receipt beyond the deficit brings the part beyond 0 in at its own cost", () => {
    // 2 of the 10 at 200.00 stay on hand; the other 8 clear -1467.04 and cost 1600.00.
    expect(values(applyMovement(short, receive("10", "200"), negative))).toEqual({
      value: "1867.04",
      revaluation: "132.96",
      after: { quantity: "2", value: "400", averageCost: "200" },
    });
  });

  it("a transfer into a deficit revalues it at the value the goods left with, and the legs with it net to 0", () => {
    const source = post([receive("8", "200")])[0]!.after;
    const leaving = applyMovement(source, { quantity: d(-8) }, negative);
    const arriving = applyMovement(short, { quantity: d(8), incoming: { unitCost: leaving.unitCost, value: leaving.value.negated() } }, negative);
    expect([text(leaving.value), text(leaving.revaluation)]).toEqual(["-1600", "0"]);
    expect(values(arriving)).toEqual({ value: "1467.04", revaluation: "132.96", after: { quantity: "0", value: "0", averageCost: "200" } });
    expect(text(leaving.value.plus(arriving.value).plus(arriving.revaluation))).toBe("0");
  });

  it("a removal, and an addition to a level not below 0, revalue nothing", () => {
    const postings = post([receive("3", "1.005"), issue("2"), receive("2", "7"), issue("3"), receive("4", "3.3333"), { quantity: d(1) }, issue("6")], negative);
    expect(postings.map((p) => text(p.revaluation))).toEqual(["0", "0", "0", "0", "0", "0", "0"]);
  });
});

describe("reorder level", () => {
  it("is crossed only by the movement that takes on-hand from at or above it to below it", () => {
    const rules = { ...eur, reorderLevel: d(5) };
    const postings = post([receive("10", "1"), issue("5"), issue("1"), issue("1"), receive("10", "1"), issue("9")], rules);
    expect(postings.map((p) => p.crossedReorderLevel)).toEqual([false, false, true, false, false, true]);
  });
});

// Quantities with up to 3 decimals, costs with up to 4, and costs that do not divide evenly.
const quantity = fc.integer({ min: 1, max: 5_000_000 }).map((n) => d(n).div(1000));
const awkwardCost = fc.oneof(
  fc.constantFrom("10.01", "0.0333", "0.3333", "3.3333", "0.6667", "1.005", "0.0001", "0", "9999.9999").map(d),
  fc.integer({ min: 0, max: 99_999_999 }).map((n) => d(n).div(10_000)),
);
const change: fc.Arbitrary<{ kind: "receive" | "issue" | "adjust"; quantity: Decimal; cost: Decimal; share: number }> = fc.record({
  kind: fc.constantFrom("receive", "issue", "adjust"),
  quantity,
  cost: awkwardCost,
  // For issues: the fraction of on-hand to take (1 empties the level), so that most succeed.
  share: fc.constantFrom(0.1, 0.25, 1 / 3, 0.5, 0.999, 1, 1.5),
});

describe("properties", () => {
  it("for any sequence of movements the value is the sum of the movements' values, in whole minor units, never below 0, and 0 exactly when the quantity is", () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 2, 3), fc.array(change, { minLength: 1, maxLength: 40 }), (minorUnits, changes) => {
        const rules = { ...eur, minorUnits };
        let level = empty;
        let sum = d(0);
        for (const step of changes) {
          let movement: MovementChange;
          if (step.kind === "receive") movement = { quantity: step.quantity, incoming: { unitCost: step.cost } };
          else if (step.kind === "adjust") movement = { quantity: step.quantity };
          else movement = { quantity: level.quantity.times(step.share).toDecimalPlaces(3).negated() };
          if (movement.quantity.isZero()) continue;
          if (level.quantity.plus(movement.quantity).isNegative()) {
            expect(() => applyMovement(level, movement, rules)).toThrow(AppError);
            continue;
          }
          const posting = applyMovement(level, movement, rules);
          sum = sum.plus(posting.value);
          expect(posting.value.decimalPlaces()).toBeLessThanOrEqual(minorUnits);
          if (movement.quantity.isNegative()) {
            // Taken at the unrounded rate: off by at most half a minor unit, unless it empties the level.
            const exact = level.value.times(movement.quantity).div(level.quantity);
            if (!posting.after.quantity.isZero()) expect(posting.value.minus(exact).abs().lte(d(10).pow(-minorUnits).div(2))).toBe(true);
          }
          level = posting.after;
          expect(text(level.value)).toBe(text(sum));
          expect(level.value.isNegative()).toBe(false);
          if (level.quantity.isZero()) expect(level.value.isZero()).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a transfer moves value without creating or losing any, and a level emptied by it keeps none", () => {
    fc.assert(
      fc.property(quantity, awkwardCost, quantity, fc.constantFrom(0.1, 1 / 3, 0.5, 1), (onHand, cost, alreadyThere, share) => {
        const [source] = post([receive(onHand.toFixed(), cost.toFixed())]);
        const [destination] = post([receive(alreadyThere.toFixed(), "0.3333")]);
        const moved = onHand.times(share).toDecimalPlaces(3);
        fc.pre(!moved.isZero());
        const leaving = applyMovement(source!.after, { quantity: moved.negated() }, eur);
        const arriving = applyMovement(destination!.after, { quantity: moved, incoming: { unitCost: leaving.unitCost, value: leaving.value.negated() } }, eur);
        const before = source!.after.value.plus(destination!.after.value);
        expect(text(leaving.after.value.plus(arriving.after.value))).toBe(text(before));
        if (share === 1) expect(shown(leaving.after)).toMatchObject({ quantity: "0", value: "0" });
      }),
      { numRuns: 200 },
    );
  });

  it("value + revaluation is what the goods moved cost: an addition's quantity × cost (or a transfer's carried value), and a removal revalues nothing", () => {
    const rules = { ...eur, allowNegativeStock: true };
    fc.assert(
      fc.property(
        fc.constantFrom(0, 2, 3),
        fc.array(fc.record({ quantity, cost: awkwardCost, kind: fc.constantFrom("out", "in", "at rate", "carried"), carried: fc.integer({ min: 0, max: 10_000_000 }) }), {
          minLength: 1,
          maxLength: 30,
        }),
        (minorUnits, steps) => {
          let level = empty;
          for (const step of steps) {
            const carried = d(step.carried).div(d(10).pow(minorUnits));
            let movement: MovementChange;
            if (step.kind === "out") movement = { quantity: step.quantity.negated() };
            else if (step.kind === "at rate") movement = { quantity: step.quantity };
            else if (step.kind === "carried") movement = { quantity: step.quantity, incoming: { unitCost: step.cost, value: carried } };
            else movement = { quantity: step.quantity, incoming: { unitCost: step.cost } };
            const rate = level.quantity.isZero() ? level.averageCost : level.value.div(level.quantity);
            const posting = applyMovement(level, movement, { ...rules, minorUnits });
            let cost = d(0);
            if (step.kind === "in") cost = step.quantity.times(step.cost).toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_UP);
            else if (step.kind === "at rate") cost = step.quantity.times(rate).toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_UP);
            else if (step.kind === "carried") cost = carried;
            if (step.kind === "out") expect(posting.revaluation.isZero()).toBe(true);
            else expect(text(posting.value.plus(posting.revaluation))).toBe(text(cost));
            expect(posting.revaluation.decimalPlaces()).toBeLessThanOrEqual(minorUnits);
            if (level.quantity.gte(0)) expect(posting.revaluation.isZero()).toBe(true);
            level = posting.after;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("with negative stock allowed, the value still reaches 0 exactly with the quantity", () => {
    const rules = { ...eur, allowNegativeStock: true };
    fc.assert(
      fc.property(fc.array(fc.record({ quantity, cost: awkwardCost, out: fc.boolean(), empty: fc.boolean() }), { minLength: 1, maxLength: 30 }), (steps) => {
        let level = empty;
        let sum = d(0);
        for (const step of steps) {
          // Half of the time, exactly what takes the level to 0 (from either side).
          const q = step.empty && !level.quantity.isZero() ? level.quantity.negated() : step.out ? step.quantity.negated() : step.quantity;
          const posting = applyMovement(level, { quantity: q, incoming: q.isPositive() ? { unitCost: step.cost } : undefined }, rules);
          sum = sum.plus(posting.value);
          level = posting.after;
          expect(text(level.value)).toBe(text(sum));
          if (level.quantity.isZero()) expect(level.value.isZero()).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
