/**
 * Numbers a column cannot hold (QA): a value with more integer digits than its numeric(p, s)
 * column is a 400 naming the field and the digits allowed, never PostgreSQL's overflow as a 500;
 * a product of two valid values that overflows a running total is a 400 too (the backstop).
 */
import { stockedProduct, startMasterDataTestApp, type MasterDataTestApp } from "../../../test/harness";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

async function movements(organizationId: string): Promise<number> {
  const { rows } = await t.owner.query<{ count: string }>("SELECT count(*)::text AS count FROM master_data.stock_movements WHERE organization_id = $1", [organizationId]);
  return Number(rows[0]?.count);
}

it("a unit cost over numeric(18, 4)'s 14 integer digits is a 400 naming it", async () => {
  const org = await t.organization();
  const ids = await stockedProduct(org.api);
  const res = await org.api.post("/stock/receipts", { ...ids, quantity: "999999999999999", unitCost: "999999999999999.9999" });
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED" });
  expect(res.body.error.details).toEqual([{ path: "unitCost", message: "Must have at most 14 digits before the decimal point" }]);
});

it("prices and credit limits over numeric(18, 2) say the integer digits are the problem", async () => {
  const org = await t.organization();
  const product = await org.api.post("/products", { sku: "BIG-1", name: "Big", currency: "EUR", salePrice: "99999999999999999999.99" });
  expect(product.status).toBe(400);
  expect(product.body.error.details).toEqual([{ path: "salePrice", message: "Must have at most 16 digits before the decimal point" }]);
  const customer = await org.api.post("/customers", { legalName: "Big Spender", creditLimit: "99999999999999999999.99" });
  expect(customer.status).toBe(400);
  expect(customer.body.error.details).toEqual([{ path: "creditLimit", message: "Must have at most 16 digits before the decimal point" }]);
  // The largest value the column holds is taken.
  const largest = await org.api.post("/products", { sku: "BIG-2", name: "Big", currency: "EUR", salePrice: "9999999999999999.99" });
  expect(largest.status).toBe(201);
  expect(largest.body.data.salePrice).toBe("9999999999999999.99");
});

it("valid values whose stock value overflows numeric(24, 4) are a 400 VALIDATION_FAILED that writes nothing", async () => {
  const org = await t.organization();
  const ids = await stockedProduct(org.api);
  const before = await movements(org.id);
  // 15 + 14 integer digits: each fits its column, their product does not fit the value column.
  const res = await org.api.post("/stock/receipts", { ...ids, quantity: "999999999999999", unitCost: "99999999999999.9999" });
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("too large") });
  expect(await movements(org.id)).toBe(before);
});
