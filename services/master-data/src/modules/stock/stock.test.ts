import { randomUUID } from "node:crypto";
import { uuidv7 } from "@erp/db";
import { stockedProduct, startMasterDataTestApp, type MasterDataTestApp } from "../../../test/harness";
import { organizationIdOf } from "@erp/scope";
import type { Tx } from "../../db";
import { permissions } from "../../permissions";
import { transferStock } from "./transfer-stock";

let t: MasterDataTestApp;
beforeAll(async () => {
  // A pool smaller than the number of concurrent requests: they must also queue for connections.
  t = await startMasterDataTestApp({ poolMax: 10 });
});
afterAll(() => t.close());

async function onHand(organizationId: string, productId: string, warehouseId: string) {
  const { rows } = await t.owner.query<{ quantity: string; average_cost: string }>(
    "SELECT quantity::text, average_cost::text FROM master_data.stock_levels WHERE organization_id = $1 AND product_id = $2 AND warehouse_id = $3",
    [organizationId, productId, warehouseId],
  );
  return rows[0];
}

async function ledgerSum(organizationId: string, productId: string, warehouseId: string) {
  const { rows } = await t.owner.query<{ sum: string; count: string }>(
    "SELECT COALESCE(SUM(quantity), 0)::text AS sum, count(*)::text AS count FROM master_data.stock_movements WHERE organization_id = $1 AND product_id = $2 AND warehouse_id = $3",
    [organizationId, productId, warehouseId],
  );
  return rows[0];
}

describe("receipts and issues", () => {
  it("a receipt adds stock at a moving weighted average cost, answers 201 with Location and writes inventory.stock.moved", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api, { onHand: "10", unitCost: "10" });
    const res = await org.api.post("/stock/receipts", { ...ids, quantity: "30", unitCost: "14", reference: { type: "purchasing.receipt", id: "GRN-1" } });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/master-data/stock/movements/${res.body.data.id}`);
    expect(res.body.data).toMatchObject({ type: "receipt", quantity: "30.000", unitCost: "14.0000", quantityAfter: "40.000", averageCostAfter: "13.0000" });
    expect((await org.api.get(`/stock/movements/${res.body.data.id}`)).body.data.reference).toEqual({ type: "purchasing.receipt", id: "GRN-1" });

    const events = (await t.outbox(org.id)).filter((e) => e.event_type === "inventory.stock.moved");
    expect(events).toHaveLength(2);
    expect(events[1]?.envelope.data).toMatchObject({
      type: "receipt",
      quantity: "30.000",
      quantityOnHand: "40.000",
      averageCost: "13.0000",
      value: "420.00",
      valueOnHand: "520.00",
      currency: "EUR",
    });
  });

  it("an issue goes out at the average cost and leaves the average unchanged", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api, { onHand: "4", unitCost: "2.5" });
    const res = await org.api.post("/stock/issues", { ...ids, quantity: "1.5" });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ type: "issue", quantity: "-1.500", unitCost: "2.5000", quantityAfter: "2.500", averageCostAfter: "2.5000" });
  });

  it("issuing more than on hand is refused with 422 and writes nothing", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api, { onHand: "5" });
    const before = await t.outboxTypes(org.id);
    const res = await org.api.post("/stock/issues", { ...ids, quantity: "5.001" });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: "quantity", message: "Only 5.000 on hand in this warehouse" }]);
    expect((await onHand(org.id, ids.productId, ids.warehouseId))?.quantity).toBe("5.000");
    expect(await t.outboxTypes(org.id)).toEqual(before);
  });

  it("an organization that allows negative stock may issue more than on hand", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api, { onHand: "1" });
    expect((await t.internal.put(`/organizations/${org.id}/settings`, { allowNegativeStock: true })).status).toBe(200);
    const res = await org.api.post("/stock/issues", { ...ids, quantity: "3" });
    expect(res.status).toBe(201);
    expect(res.body.data.quantityAfter).toBe("-2.000");
  });

  it("a receipt clearing negative stock records, answers and announces its revaluation: what the goods issued short cost more than they left at", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api, { onHand: "1", unitCost: "10" });
    expect((await t.internal.put(`/organizations/${org.id}/settings`, { allowNegativeStock: true })).status).toBe(200);
    const short = await org.api.post("/stock/issues", { ...ids, quantity: "3" });
    expect(short.body.data).toMatchObject({ value: "-30.00", revaluation: "0.00", valueAfter: "-20.00" });
    // 2 back at the 10.00 they left at, 3 more at 12.00: 60.00 came in, 56.00 of it on the stock's value.
    const res = await org.api.post("/stock/receipts", { ...ids, quantity: "5", unitCost: "12" });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ value: "56.00", revaluation: "4.00", quantityAfter: "3.000", valueAfter: "36.00" });
    expect((await org.api.get(`/stock/movements/${res.body.data.id}`)).body.data.revaluation).toBe("4.00");

    const events = (await t.outbox(org.id)).filter((e) => e.event_type === "inventory.stock.moved");
    expect(events.map((e) => [e.envelope.data.value, e.envelope.data.revaluation])).toEqual([
      ["10.00", "0.00"],
      ["-30.00", "0.00"],
      ["56.00", "4.00"],
    ]);
  });

  it("movements without a warehouse go to the default one", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api);
    const res = await org.api.post("/stock/receipts", { productId: ids.productId, quantity: "2", unitCost: "1" });
    expect(res.status).toBe(201);
    expect(res.body.data.warehouseId).toBe(ids.warehouseId);
  });

  it.each([
    [{ quantity: "0", unitCost: "1" }, "quantity"],
    [{ quantity: "-1", unitCost: "1" }, "quantity"],
    [{ quantity: 5, unitCost: "1" }, "quantity"],
    [{ quantity: "1.0001", unitCost: "1" }, "quantity"],
    [{ quantity: "1", unitCost: "abc" }, "unitCost"],
    [{ quantity: "1" }, "unitCost"],
    [{ quantity: "1", unitCost: "1", extra: true }, "extra"],
  ])("a receipt %j is refused with 400 naming %s", async (body, path) => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api);
    const res = await org.api.post("/stock/receipts", { ...ids, ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(await ledgerSum(org.id, ids.productId, ids.warehouseId)).toEqual({ sum: "0", count: "0" });
  });

  it("refuses with 422 movements of another organization's product, of services, and into unknown warehouses", async () => {
    const mine = await t.organization();
    const theirs = await t.organization();
    const their = await stockedProduct(theirs.api);
    const own = await stockedProduct(mine.api);
    const service = await mine.api.post("/products", { sku: "SVC-1", name: "Consulting", type: "service", currency: "EUR" });

    const foreign = await mine.api.post("/stock/receipts", { productId: their.productId, warehouseId: own.warehouseId, quantity: "1", unitCost: "1" });
    expect([foreign.status, foreign.body.error.details]).toEqual([422, [{ path: "productId", message: "No such product" }]]);
    const services = await mine.api.post("/stock/receipts", { productId: service.body.data.id, quantity: "1", unitCost: "1" });
    expect(services.status).toBe(422);
    const elsewhere = await mine.api.post("/stock/receipts", { productId: own.productId, warehouseId: their.warehouseId, quantity: "1", unitCost: "1" });
    expect([elsewhere.status, elsewhere.body.error.details]).toEqual([422, [{ path: "warehouseId", message: "No such warehouse" }]]);
  });

  it("adjustments need a reason and inventory.stock.adjust", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api, { onHand: "10" });
    expect((await org.api.post("/stock/adjustments", { ...ids, quantity: "-2" })).status).toBe(400);
    const mover = t.api(await t.token(org.id, [permissions.stockMove]));
    expect((await mover.post("/stock/adjustments", { ...ids, quantity: "-2", reason: "Damaged" })).status).toBe(403);
    const res = await org.api.post("/stock/adjustments", { ...ids, quantity: "-2", reason: "Damaged in storage" });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ type: "adjustment", quantity: "-2.000", reason: "Damaged in storage", quantityAfter: "8.000" });
  });
});

describe("concurrency", () => {
  it("60 concurrent issues against the same stock never drive it below zero, and the ledger sums to on-hand", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api, { onHand: "25", unitCost: "3" });
    const results = await Promise.all(Array.from({ length: 60 }, () => org.api.post("/stock/issues", { ...ids, quantity: "1" })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(25);
    expect(statuses.filter((s) => s === 422)).toHaveLength(35);

    expect((await onHand(org.id, ids.productId, ids.warehouseId))?.quantity).toBe("0.000");
    expect(await ledgerSum(org.id, ids.productId, ids.warehouseId)).toEqual({ sum: "0.000", count: "26" });
    // Each issue saw the previous one's result: the running balances are 24, 23, …, 0, each once.
    const { rows } = await t.owner.query<{ quantity_after: string }>(
      "SELECT quantity_after::text FROM master_data.stock_movements WHERE organization_id = $1 AND type = 'issue' ORDER BY stock_movements.quantity_after DESC",
      [org.id],
    );
    expect(rows.map((r) => r.quantity_after)).toEqual(Array.from({ length: 25 }, (_, i) => `${24 - i}.000`));
  });

  it("concurrent receipts lose no update and concurrent opposite transfers do not deadlock", async () => {
    const org = await t.organization();
    const a = await stockedProduct(org.api, { onHand: "100" });
    const b = (await org.api.post("/warehouses", { code: "B", name: "Second" })).body.data.id as string;
    await org.api.post("/stock/receipts", { productId: a.productId, warehouseId: b, quantity: "100", unitCost: "10" });
    const requests = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? org.api.post("/stock/transfers", { productId: a.productId, fromWarehouseId: a.warehouseId, toWarehouseId: b, quantity: "1" })
        : org.api.post("/stock/transfers", { productId: a.productId, fromWarehouseId: b, toWarehouseId: a.warehouseId, quantity: "2" }),
    );
    const receipts = Array.from({ length: 20 }, () => org.api.post("/stock/receipts", { ...a, quantity: "1", unitCost: "10" }));
    const results = await Promise.all([...requests, ...receipts]);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    // 20 × (−1 + 2) + 20 receipts at A; 20 × (+1 − 2) at B.
    expect((await onHand(org.id, a.productId, a.warehouseId))?.quantity).toBe("140.000");
    expect((await onHand(org.id, a.productId, b))?.quantity).toBe("80.000");
    expect((await ledgerSum(org.id, a.productId, a.warehouseId))?.sum).toBe("140.000");
  });
});

describe("transfers", () => {
  it("moves stock as two movements with one transfer id, at the source's average cost", async () => {
    const org = await t.organization();
    const from = await stockedProduct(org.api, { onHand: "10", unitCost: "4" });
    const to = (await org.api.post("/warehouses", { code: "TO", name: "Store" })).body.data.id as string;
    const res = await org.api.post("/stock/transfers", { productId: from.productId, fromWarehouseId: from.warehouseId, toWarehouseId: to, quantity: "3" });
    expect(res.status).toBe(201);
    const [out, arrival] = res.body.data.movements;
    expect(out).toMatchObject({ type: "transfer_out", quantity: "-3.000", warehouseId: from.warehouseId, transferId: res.body.data.transferId });
    expect(arrival).toMatchObject({ type: "transfer_in", quantity: "3.000", unitCost: "4.0000", warehouseId: to, averageCostAfter: "4.0000" });
    const listed = await org.api.get(`/stock/movements?transferId=${res.body.data.transferId}`);
    expect(listed.body.data).toHaveLength(2);
  });

  it("is all or nothing: a failure on the second leg leaves neither movement, level nor event", async () => {
    const org = await t.organization();
    const from = await stockedProduct(org.api, { onHand: "10" });
    const to = (await org.api.post("/warehouses", { code: "TO", name: "Store" })).body.data.id as string;
    const eventsBefore = await t.outboxTypes(org.id);

    // The second movement insert of the transaction fails, as a crash between the legs would.
    const failingSecondLeg = (tx: Tx): Tx => {
      let inserts = 0;
      const stockMovement = new Proxy(tx.stockMovement, {
        get: (target, prop, receiver) =>
          prop === "create"
            ? (args: Parameters<Tx["stockMovement"]["create"]>[0]) => {
                inserts += 1;
                if (inserts === 2) throw new Error("crash on the second leg");
                return target.create(args);
              }
            : Reflect.get(target, prop, receiver),
      });
      return new Proxy(tx, { get: (target, prop, receiver) => (prop === "stockMovement" ? stockMovement : Reflect.get(target, prop, receiver)) });
    };
    const scope = { organizationId: organizationIdOf(org.id), actor: { type: "user" as const, id: uuidv7() } };
    await expect(
      t.db.withOrganization(organizationIdOf(org.id), (tx) =>
        transferStock(failingSecondLeg(tx), scope, {
          productId: from.productId,
          fromWarehouseId: from.warehouseId,
          toWarehouseId: to,
          quantity: "4",
        }),
      ),
    ).rejects.toThrow("crash on the second leg");

    expect((await onHand(org.id, from.productId, from.warehouseId))?.quantity).toBe("10.000");
    expect(await onHand(org.id, from.productId, to)).toBeUndefined();
    expect(await ledgerSum(org.id, from.productId, from.warehouseId)).toEqual({ sum: "10.000", count: "1" });
    expect(await t.outboxTypes(org.id)).toEqual(eventsBefore);
  });

  it("a transfer of more than the source holds is refused with 422 and moves nothing", async () => {
    const org = await t.organization();
    const from = await stockedProduct(org.api, { onHand: "2" });
    const to = (await org.api.post("/warehouses", { code: "TO", name: "Store" })).body.data.id as string;
    const res = await org.api.post("/stock/transfers", { productId: from.productId, fromWarehouseId: from.warehouseId, toWarehouseId: to, quantity: "3" });
    expect(res.status).toBe(422);
    expect(await ledgerSum(org.id, from.productId, to)).toEqual({ sum: "0", count: "0" });
  });

  it("a transfer to the same warehouse is refused with 400", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api, { onHand: "2" });
    const res = await org.api.post("/stock/transfers", { productId: ids.productId, fromWarehouseId: ids.warehouseId, toWarehouseId: ids.warehouseId, quantity: "1" });
    expect([res.status, res.body.error.details[0].path]).toEqual([400, "toWarehouseId"]);
  });
});

describe("reorder level", () => {
  it("inventory.stock.below_reorder_level is written once per crossing, not per movement below it", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api, { onHand: "10", reorderLevel: "5" });
    const issue = (quantity: string) => org.api.post("/stock/issues", { ...ids, quantity });
    await issue("4"); // 6: still at/above
    await issue("2"); // 4: crosses
    await issue("1"); // 3: already below
    await org.api.post("/stock/receipts", { ...ids, quantity: "10", unitCost: "10" }); // 13: back above
    await issue("9"); // 4: crosses again
    const crossings = (await t.outbox(org.id)).filter((e) => e.event_type === "inventory.stock.below_reorder_level");
    expect(crossings.map((e) => e.envelope.data.quantityOnHand)).toEqual(["4.000", "4.000"]);
    expect(crossings[0]?.envelope.data).toMatchObject({ productId: ids.productId, warehouseId: ids.warehouseId, reorderLevel: "5.000" });
  });
});

describe("reading stock", () => {
  it("lists on-hand with value, filters movements, values the stock per currency", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api, { onHand: "3", unitCost: "2.5" });
    await org.api.post("/stock/issues", { ...ids, quantity: "1" });

    const levels = await org.api.get(`/stock?productId=${ids.productId}`);
    expect(levels.status).toBe(200);
    expect(levels.body.data).toEqual([expect.objectContaining({ quantity: "2.000", averageCost: "2.5000", value: "5.00", currency: "EUR" })]);

    const issues = await org.api.get(`/stock/movements?type=issue&productId=${ids.productId}`);
    expect(issues.body.data.map((m: { type: string }) => m.type)).toEqual(["issue"]);
    const paged = await org.api.get("/stock/movements?limit=1&sort=createdAt");
    expect(paged.body.data[0].type).toBe("receipt");
    const next = await org.api.get(`/stock/movements?limit=1&sort=createdAt&cursor=${paged.body.page.nextCursor}`);
    expect(next.body.data[0].type).toBe("issue");
    expect(next.body.page.hasMore).toBe(false);

    const valuation = await org.api.get("/stock/valuation");
    expect(valuation.body.data).toEqual({ totals: [{ currency: "EUR", value: "5.00" }] });
  });

  it("another organization's movement is 404", async () => {
    const mine = await t.organization();
    const theirs = await t.organization();
    const ids = await stockedProduct(theirs.api);
    const res = await theirs.api.post("/stock/receipts", { ...ids, quantity: "1", unitCost: "1" });
    expect((await mine.api.get(`/stock/movements/${res.body.data.id}`)).status).toBe(404);
    expect((await mine.api.get(`/stock/movements/${randomUUID()}`)).status).toBe(404);
    expect((await mine.api.get("/stock")).body.data).toEqual([]);
  });
});
