/**
 * Stock value through the real API and a real database (issue 10, item 1): random receipts,
 * issues, transfers and adjustments at awkward prices, and after every step each level's value is
 * the sum of its movements' values, its last movement's running value, and 0 exactly when the
 * quantity is; the valuation report says the same.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { Decimal, minorUnits } from "@erp/money";
import { startMasterDataTestApp, type Api, type MasterDataTestApp } from "../../../test/harness";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

const WAREHOUSES = 2;
const price = fc.constantFrom("10.01", "0.0333", "0.3333", "3.3333", "0.6667", "1.005", "0.0001", "9999.9999", "7");
const amount = fc.integer({ min: 1, max: 100_000 }).map((n) => new Decimal(n).div(1000).toFixed());
/** A share of what is on hand; 1 empties the level, above 1 overdraws it. */
const share = fc.constantFrom(0.1, 1 / 3, 0.5, 0.999, 1, 1, 1.2);
const warehouse = fc.integer({ min: 0, max: WAREHOUSES - 1 });

type Step =
  | { kind: "receipt"; at: number; quantity: string; unitCost: string }
  | { kind: "issue"; at: number; share: number }
  | { kind: "transfer"; at: number; to: number; share: number }
  | { kind: "adjustment"; at: number; quantity: string; unitCost: string | null; remove: boolean; share: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("receipt" as const), at: warehouse, quantity: amount, unitCost: price }),
  fc.record({ kind: fc.constant("issue" as const), at: warehouse, share }),
  fc.record({ kind: fc.constant("transfer" as const), at: warehouse, to: fc.integer({ min: 1, max: WAREHOUSES - 1 }), share }),
  fc.record({ kind: fc.constant("adjustment" as const), at: warehouse, quantity: amount, unitCost: fc.option(price), remove: fc.boolean(), share }),
);

interface Level {
  warehouse_id: string;
  quantity: string;
  value: string;
  movements_quantity: string | null;
  movements_value: string | null;
  last_value_after: string | null;
}

/** Each level of the product, with its ledger's sums and its last movement's running value. */
async function levels(organizationId: string, productId: string): Promise<Level[]> {
  const { rows } = await t.owner.query<Level>(
    `SELECT l.warehouse_id, l.quantity::text, l.value::text,
            (SELECT SUM(m.quantity)::text FROM master_data.stock_movements m WHERE m.organization_id = l.organization_id AND m.product_id = l.product_id AND m.warehouse_id = l.warehouse_id) AS movements_quantity,
            (SELECT SUM(m.value)::text FROM master_data.stock_movements m WHERE m.organization_id = l.organization_id AND m.product_id = l.product_id AND m.warehouse_id = l.warehouse_id) AS movements_value,
            (SELECT m.value_after::text FROM master_data.stock_movements m WHERE m.organization_id = l.organization_id AND m.product_id = l.product_id AND m.warehouse_id = l.warehouse_id ORDER BY m.id DESC LIMIT 1) AS last_value_after
     FROM master_data.stock_levels l WHERE l.organization_id = $1 AND l.product_id = $2`,
    [organizationId, productId],
  );
  return rows;
}

async function checkLedger(api: Api, organizationId: string, productId: string, currency: string) {
  const rows = await levels(organizationId, productId);
  let total = new Decimal(0);
  for (const row of rows) {
    const value = new Decimal(row.value);
    expect([row.warehouse_id, value.eq(row.movements_value ?? 0), value.eq(row.last_value_after ?? 0)]).toEqual([row.warehouse_id, true, true]);
    expect(new Decimal(row.quantity).eq(row.movements_quantity ?? 0)).toBe(true);
    if (new Decimal(row.quantity).isZero()) expect(row.value).toBe("0.0000");
    total = total.plus(value);
  }
  const valuation = await api.get(`/stock/valuation?productId=${productId}`);
  const expected = rows.length === 0 ? [] : [{ currency, value: total.toFixed(minorUnits(currency)) }];
  expect(valuation.body.data.totals).toEqual(expected);
}

async function setUp(currency: string, allowNegativeStock: boolean) {
  const id = randomUUID();
  const api = t.api(await t.token(id));
  if (allowNegativeStock) expect((await t.internal.put(`/organizations/${id}/settings`, { allowNegativeStock: true })).status).toBe(200);
  const product = await api.post("/products", { sku: `P-${id.slice(0, 8)}`, name: "Awkward", currency });
  const warehouses: string[] = [];
  for (let i = 0; i < WAREHOUSES; i++) warehouses.push((await api.post("/warehouses", { code: `W${i}`, name: `Warehouse ${i}` })).body.data.id);
  return { id, api, productId: product.body.data.id as string, warehouses };
}

/** What is on hand in each warehouse, as the API last said. */
const onHandAfter = (onHand: Decimal[], movements: { warehouseId: string; quantityAfter: string }[], warehouses: string[]) => {
  for (const movement of movements) onHand[warehouses.indexOf(movement.warehouseId)] = new Decimal(movement.quantityAfter);
};

it("after every movement at awkward prices the ledger's value is the sum of its movements' values, and 0 exactly with the quantity", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom("EUR", "JPY", "KWD"), fc.boolean(), fc.array(step, { minLength: 1, maxLength: 10 }), async (currency, allowNegativeStock, steps) => {
      const { id, api, productId, warehouses } = await setUp(currency, allowNegativeStock);
      const onHand = warehouses.map(() => new Decimal(0));
      const portion = (at: number, fraction: number) => onHand[at]!.times(fraction).toDecimalPlaces(3);

      for (const s of steps) {
        const warehouseId = warehouses[s.at]!;
        let res;
        if (s.kind === "receipt") {
          res = await api.post("/stock/receipts", { productId, warehouseId, quantity: s.quantity, unitCost: s.unitCost });
        } else if (s.kind === "adjustment") {
          const quantity = s.remove ? portion(s.at, s.share).negated() : new Decimal(s.quantity);
          if (quantity.isZero()) continue;
          res = await api.post("/stock/adjustments", {
            productId,
            warehouseId,
            quantity: quantity.toFixed(),
            reason: "Count",
            ...(s.unitCost && quantity.isPositive() ? { unitCost: s.unitCost } : {}),
          });
        } else {
          const quantity = portion(s.at, s.share);
          if (quantity.lte(0)) continue;
          res =
            s.kind === "issue"
              ? await api.post("/stock/issues", { productId, warehouseId, quantity: quantity.toFixed() })
              : await api.post("/stock/transfers", { productId, fromWarehouseId: warehouseId, toWarehouseId: warehouses[(s.at + s.to) % WAREHOUSES], quantity: quantity.toFixed() });
        }
        const destination = s.kind === "transfer" ? (s.at + s.to) % WAREHOUSES : s.at;
        const destinationHeld = onHand[destination]!;
        const overdraws = s.kind !== "receipt" && res.status === 422;
        if (overdraws) {
          expect([res.body.error.code, allowNegativeStock]).toEqual(["INSUFFICIENT_STOCK", false]);
        } else {
          expect([res.status, res.body.error]).toEqual([201, undefined]);
          const movements = s.kind === "transfer" ? res.body.data.movements : [res.body.data];
          onHandAfter(onHand, movements, warehouses);
          // Value moves between warehouses unchanged; into a deficit, it clears it at the deficit's rate and revalues the rest.
          if (s.kind === "transfer") {
            const [leaving, arriving] = movements;
            expect(new Decimal(leaving.value).plus(arriving.value).plus(arriving.revaluation).isZero()).toBe(true);
            expect(new Decimal(arriving.revaluation).isZero() || destinationHeld.isNegative()).toBe(true);
          } else if (s.kind === "receipt") {
            const cost = new Decimal(s.quantity).times(s.unitCost).toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_UP);
            expect(new Decimal(res.body.data.value).plus(res.body.data.revaluation).toFixed()).toBe(cost.toFixed());
          }
        }
        await checkLedger(api, id, productId, currency);
      }

      // Emptying every warehouse leaves no value anywhere.
      for (const [at, warehouseId] of warehouses.entries()) {
        const quantity = onHand[at]!;
        if (quantity.isZero()) continue;
        const res = quantity.isPositive()
          ? await api.post("/stock/issues", { productId, warehouseId, quantity: quantity.toFixed() })
          : await api.post("/stock/receipts", { productId, warehouseId, quantity: quantity.negated().toFixed(), unitCost: "0.0333" });
        expect([res.status, res.body.data.quantityAfter, new Decimal(res.body.data.valueAfter).isZero()]).toEqual([201, "0.000", true]);
      }
      await checkLedger(api, id, productId, currency);
      const valuation = await api.get(`/stock/valuation?productId=${productId}`);
      expect(new Decimal(valuation.body.data.totals[0]?.value ?? 0).isZero()).toBe(true);
    }),
    { numRuns: 6 },
  );
});

it("1000 at 10.00 and 2000 at 10.01 are valued at 30020.00, and issuing all 3000 takes out exactly 30020.00", async () => {
  const { api, productId, warehouses } = await setUp("EUR", false);
  const warehouseId = warehouses[0]!;
  await api.post("/stock/receipts", { productId, warehouseId, quantity: "1000", unitCost: "10.00" });
  const second = await api.post("/stock/receipts", { productId, warehouseId, quantity: "2000", unitCost: "10.01" });
  expect(second.body.data).toMatchObject({ value: "20020.00", valueAfter: "30020.00", averageCostAfter: "10.0067", currency: "EUR" });
  expect((await api.get(`/stock/valuation?productId=${productId}`)).body.data).toEqual({ totals: [{ currency: "EUR", value: "30020.00" }] });
  expect((await api.get(`/stock?productId=${productId}`)).body.data[0]).toMatchObject({ quantity: "3000.000", value: "30020.00" });

  const out = await api.post("/stock/issues", { productId, warehouseId, quantity: "3000" });
  expect(out.body.data).toMatchObject({ quantity: "-3000.000", value: "-30020.00", quantityAfter: "0.000", valueAfter: "0.00" });
  expect((await api.get(`/stock/valuation?productId=${productId}`)).body.data).toEqual({ totals: [{ currency: "EUR", value: "0.00" }] });
});
