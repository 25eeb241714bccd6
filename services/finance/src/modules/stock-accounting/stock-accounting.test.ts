/**
 * Master-data's `inventory.stock.moved`, delivered through the real transport (the PostgreSQL
 * event log) to finance's consumer: each movement type's entry at the event's value, nothing for
 * a transfer, the revaluation of goods issued below 0 to cost of goods sold when a receipt,
 * adjustment or transfer clears the deficit, one entry however often a movement comes, a locked day posted on the first open day,
 * a foreign currency at the organization's rate (to the dead letters without one, replayed once it is recorded), and a supplier's
 * bill for received stock items clearing goods received not invoiced.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { stockMoved } from "@erp/event-catalog";
import { createPostgresTransport, listDeadLetters, replayDeadLetter, subscribe, type EventEnvelope, type Subscription, type Transport } from "@erp/events";
import { uuidv7 } from "@erp/db";
import { waitFor } from "@erp/testkit";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { handlers } from "../../consumers";
import { partyFixture, postedFixture, productFixture } from "../documents/document-fixtures";
import { stockEntryDate } from "./post-stock-movement";

let t: FinanceTestApp;
let pool: pg.Pool;
let transport: Transport;
let consumer: Subscription;
const group = `finance-stock-test-${randomUUID().slice(0, 8)}`;
beforeAll(async () => {
  t = await startFinanceTestApp();
  pool = new pg.Pool({ connectionString: t.connectionString, max: 2 });
  transport = createPostgresTransport({ pool });
  consumer = await subscribe({ transport, db: t.db, group, handlers, maxAttempts: 1 });
}, 120_000);
afterAll(async () => {
  await consumer?.close();
  await transport?.close();
  await pool?.end();
  await t?.close();
});

type Movement = {
  type: "receipt" | "issue" | "transfer_out" | "transfer_in" | "adjustment";
  quantity: string;
  value: string;
  /** Left out of the event when not given, as in events written before it existed. */
  revaluation?: string;
  currency?: string;
  productId?: string;
};

function moved(organizationId: string, movement: Movement, occurredAt = "2026-06-15T10:00:00.000Z", movementId = uuidv7()): EventEnvelope {
  const productId = movement.productId ?? uuidv7();
  return {
    id: uuidv7(),
    type: stockMoved.type,
    version: stockMoved.version,
    organizationId,
    aggregateId: productId,
    occurredAt,
    actor: { type: "service", id: "master-data" },
    correlationId: uuidv7(),
    data: {
      movementId,
      productId,
      warehouseId: uuidv7(),
      type: movement.type,
      quantity: movement.quantity,
      unitCost: "0.0000",
      quantityOnHand: "0.000",
      averageCost: "0.0000",
      value: movement.value,
      ...(movement.revaluation === undefined ? {} : { revaluation: movement.revaluation }),
      valueOnHand: "0.00",
      currency: movement.currency ?? "EUR",
      transferId: movement.type.startsWith("transfer") ? uuidv7() : null,
      reason: movement.type === "adjustment" ? "Counted" : null,
      reference: null,
    },
  };
}

async function processed(eventId: string): Promise<boolean> {
  const { rows } = await pool.query("SELECT 1 FROM events.processed_events WHERE group_id = $1 AND event_id = $2", [group, eventId]);
  return rows.length > 0;
}

async function deliver(...events: EventEnvelope[]) {
  await transport.publish(events);
  await waitFor(async () => (await Promise.all(events.map((e) => processed(e.id)))).every(Boolean), { what: "events processed", timeoutMs: 60_000 });
}

/** A new organization with its ledger set up (its first request does it). */
async function ledger() {
  const organization = t.organization();
  const api = t.api(t.token(organization.id));
  await t.account(api, "1300");
  return { id: organization.id, api };
}

/** Each account's closing balance (debit − credit) in the trial balance, by code. */
async function balances(api: Api, codes = ["1300", "2120", "5100", "5200"]) {
  const res = await api.get("/reports/trial-balance?asOf=2026-12-31");
  expect(res.status).toBe(200);
  const rows = res.body.data.rows as { code: string; closing: string }[];
  expect(res.body.data.totals.closingDebit).toBe(res.body.data.totals.closingCredit);
  return Object.fromEntries(codes.map((code) => [code, rows.find((row) => row.code === code)?.closing ?? "0.00"]));
}

const entriesOf = async (organizationId: string, movementId: string) =>
  (
    await t.owner.query<{ entry_date: Date; memo: string }>(
      "SELECT entry_date, memo FROM finance.journal_entries WHERE organization_id = $1 AND source_type = 'stock_movement' AND source_id = $2",
      [organizationId, movementId],
    )
  ).rows;

it("a receipt debits inventory and credits goods received not invoiced, an issue moves its value to cost of goods sold, adjustments go against stock adjustments by their sign", async () => {
  const { id, api } = await ledger();
  await deliver(moved(id, { type: "receipt", quantity: "10.000", value: "50.00" }));
  expect(await balances(api)).toEqual({ "1300": "50.00", "2120": "-50.00", "5100": "0.00", "5200": "0.00" });

  await deliver(moved(id, { type: "issue", quantity: "-4.000", value: "-20.00" }));
  expect(await balances(api)).toEqual({ "1300": "30.00", "2120": "-50.00", "5100": "20.00", "5200": "0.00" });

  await deliver(moved(id, { type: "adjustment", quantity: "-1.000", value: "-5.00" }), moved(id, { type: "adjustment", quantity: "2.000", value: "10.00" }));
  expect(await balances(api)).toEqual({ "1300": "35.00", "2120": "-50.00", "5100": "20.00", "5200": "-5.00" });
});

it("a transfer's two legs and a movement worth nothing post nothing: one inventory account holds every warehouse", async () => {
  const { id, api } = await ledger();
  const out = moved(id, { type: "transfer_out", quantity: "-3.000", value: "-15.00" });
  const into = moved(id, { type: "transfer_in", quantity: "3.000", value: "15.00" });
  const free = moved(id, { type: "receipt", quantity: "1.000", value: "0.00" });
  await deliver(out, into, free);
  for (const event of [out, into, free]) expect(await entriesOf(id, (event.data as { movementId: string }).movementId)).toEqual([]);
  expect(await balances(api)).toEqual({ "1300": "0.00", "2120": "0.00", "5100": "0.00", "5200": "0.00" });
});

it("8 issued below 0 at 183.38, then received at 200.00: the receipt's revaluation goes to cost of goods sold, inventory is back to 0 and a bill of 1600.00 clears GRNI", async () => {
  const { id, api } = await ledger();
  const productId = await productFixture(t, id, { type: "stock_item", purchaseCost: "200.0000" });
  const supplierId = await partyFixture(t, id, "supplier");
  await deliver(moved(id, { type: "issue", quantity: "-8.000", value: "-1467.04", revaluation: "0.00", productId }));
  expect(await balances(api)).toEqual({ "1300": "-1467.04", "2120": "0.00", "5100": "1467.04", "5200": "0.00" });

  // 8 × 200.00 = 1600.00 came in: 1467.04 cleared the deficit, 132.96 is what the goods sold cost more.
  const receipt = moved(id, { type: "receipt", quantity: "8.000", value: "1467.04", revaluation: "132.96", productId });
  await deliver(receipt);
  expect(await balances(api)).toEqual({ "1300": "0.00", "2120": "-1600.00", "5100": "1600.00", "5200": "0.00" });
  const { rows } = await t.owner.query<{ code: string; debit: string; credit: string }>(
    `SELECT a.code, l.debit::text, l.credit::text FROM finance.journal_lines l
       JOIN finance.journal_entries e ON e.id = l.entry_id JOIN finance.accounts a ON a.id = l.account_id
      WHERE e.organization_id = $1 AND e.source_type = 'stock_movement' AND e.source_id = $2 ORDER BY a.code`,
    [id, (receipt.data as { movementId: string }).movementId],
  );
  expect(rows.map((r) => [r.code, Number(r.debit), Number(r.credit)])).toEqual([
    ["1300", 1467.04, 0],
    ["2120", 0, 1600],
    ["5100", 132.96, 0],
  ]);

  await postedFixture(api, "/bills", {
    supplierId,
    currency: "EUR",
    issueDate: "2026-06-20",
    supplierInvoiceNumber: `S-${uuidv7().slice(-6)}`,
    lines: [{ productId, quantity: "8" }],
  });
  expect(await balances(api, ["1300", "2120", "5100"])).toEqual({ "1300": "0.00", "2120": "0.00", "5100": "1600.00" });
});

it("an adjustment clearing a deficit: inventory by its value, the revaluation to cost of goods sold, stock adjustments by the goods' cost", async () => {
  const { id, api } = await ledger();
  await deliver(moved(id, { type: "adjustment", quantity: "5.000", value: "56.00", revaluation: "4.00" }));
  expect(await balances(api)).toEqual({ "1300": "56.00", "2120": "0.00", "5100": "4.00", "5200": "-60.00" });
  // Goods found that turn out cheaper than the ones issued short: cost of goods sold comes down.
  await deliver(moved(id, { type: "adjustment", quantity: "2.000", value: "20.00", revaluation: "-3.50" }));
  expect(await balances(api)).toEqual({ "1300": "76.00", "2120": "0.00", "5100": "0.50", "5200": "-76.50" });
});

it("a transfer into a deficit posts its revaluation, Dr cost of goods sold / Cr inventory (the other way when negative), so the inventory account follows the stock's value", async () => {
  const { id, api } = await ledger();
  // 3 leave at 200.00 (600.00) into a warehouse 3 short at 183.38 (550.14): the stock's value moves by -49.86.
  const out = moved(id, { type: "transfer_out", quantity: "-3.000", value: "-600.00", revaluation: "0.00" });
  const into = moved(id, { type: "transfer_in", quantity: "3.000", value: "550.14", revaluation: "49.86" });
  await deliver(out, into);
  expect(await entriesOf(id, (out.data as { movementId: string }).movementId)).toEqual([]);
  expect(await entriesOf(id, (into.data as { movementId: string }).movementId)).toHaveLength(1);
  expect(await balances(api)).toEqual({ "1300": "-49.86", "2120": "0.00", "5100": "49.86", "5200": "0.00" });

  await deliver(moved(id, { type: "transfer_in", quantity: "1.000", value: "12.00", revaluation: "-2.00" }));
  expect(await balances(api)).toEqual({ "1300": "-47.86", "2120": "0.00", "5100": "47.86", "5200": "0.00" });
});

it("the same movement delivered twice, or published again under a new event id, posts one entry", async () => {
  const { id, api } = await ledger();
  const receipt = moved(id, { type: "receipt", quantity: "2.000", value: "12.34", revaluation: "0.66" });
  const movementId = (receipt.data as { movementId: string }).movementId;
  await deliver(receipt);
  await deliver({ ...receipt, id: uuidv7() });
  await transport.publish([receipt]);
  await deliver(moved(id, { type: "receipt", quantity: "1.000", value: "1.00" }));
  expect(await entriesOf(id, movementId)).toHaveLength(1);
  expect(await balances(api, ["1300", "5100"])).toEqual({ "1300": "13.34", "5100": "0.66" });
});

it("a movement on a locked day is posted on the first open day, its memo keeping the day it moved", async () => {
  const { id, api } = await ledger();
  expect((await api.post("/periods/lock", { lockedThrough: "2026-06-30" })).status).toBe(200);
  const receipt = moved(id, { type: "receipt", quantity: "1.000", value: "7.00" }, "2026-06-15T10:00:00.000Z");
  await deliver(receipt);
  const [entry] = await entriesOf(id, (receipt.data as { movementId: string }).movementId);
  expect(entry!.entry_date.toISOString().slice(0, 10)).toBe("2026-07-01");
  expect(entry!.memo).toContain("moved 2026-06-15, a locked period");
  expect(await balances(api, ["1300"])).toEqual({ "1300": "7.00" });
});

it("stockEntryDate keeps an open day and moves a locked one to the day after the lock", () => {
  expect(stockEntryDate("2026-06-15T23:59:59.000Z", null)).toEqual({ date: "2026-06-15", moved: false });
  expect(stockEntryDate("2026-06-15T10:00:00.000Z", "2026-06-14")).toEqual({ date: "2026-06-15", moved: false });
  expect(stockEntryDate("2026-06-15T10:00:00.000Z", "2026-06-15")).toEqual({ date: "2026-06-16", moved: true });
  expect(stockEntryDate("2026-02-10T10:00:00.000Z", "2026-02-28")).toEqual({ date: "2026-03-01", moved: true });
});

it("a movement in another currency posts at the organization's rate, and goes to the dead letters while there is none, to be replayed once", async () => {
  const { id, api } = await ledger();
  const unrated = moved(id, { type: "receipt", quantity: "1.000", value: "10.00", currency: "USD" });
  await transport.publish([unrated]);
  await waitFor(async () => (await listDeadLetters(pool, { group })).some((letter) => letter.eventId === unrated.id), { what: "dead letter", timeoutMs: 60_000 });
  const letter = (await listDeadLetters(pool, { group })).find((l) => l.eventId === unrated.id)!;
  expect(letter.error).toMatch(/exchange rate/i);
  expect(await balances(api, ["1300"])).toEqual({ "1300": "0.00" });

  expect((await api.post("/exchange-rates", { currency: "USD", effectiveDate: "2026-01-01", rate: "0.5000" })).status).toBe(201);
  await deliver(moved(id, { type: "receipt", quantity: "1.000", value: "10.00", currency: "USD" }));
  expect(await balances(api, ["1300", "2120"])).toEqual({ "1300": "5.00", "2120": "-5.00" });

  // Once the rate is there, the parked movement is replayed, and posted once.
  expect(await replayDeadLetter({ db: t.db, group, handlers, id: letter.id })).toEqual({ status: "replayed" });
  expect(await replayDeadLetter({ db: t.db, group, handlers, id: letter.id })).toEqual({ status: "already_processed" });
  expect(await entriesOf(id, (unrated.data as { movementId: string }).movementId)).toHaveLength(1);
  expect(await balances(api, ["1300", "2120"])).toEqual({ "1300": "10.00", "2120": "-10.00" });
});

it("a bill for received stock items debits goods received not invoiced: received 10 @ 5.00, billed, GRNI is back to 0 and inventory holds 50.00", async () => {
  const { id, api } = await ledger();
  const productId = await productFixture(t, id, { type: "stock_item", purchaseCost: "5.0000" });
  const service = await productFixture(t, id, { type: "service", purchaseCost: "8.0000" });
  const supplierId = await partyFixture(t, id, "supplier");
  await deliver(moved(id, { type: "receipt", quantity: "10.000", value: "50.00", productId }));
  expect(await balances(api, ["1300", "2120"])).toEqual({ "1300": "50.00", "2120": "-50.00" });

  const bill = await postedFixture(api, "/bills", {
    supplierId,
    currency: "EUR",
    issueDate: "2026-06-20",
    supplierInvoiceNumber: `S-${uuidv7().slice(-6)}`,
    lines: [
      { productId, quantity: "10" },
      { productId: service, quantity: "1" },
    ],
  });
  expect(bill.status).not.toBe("draft");
  const grni = await t.account(api, "2120");
  expect((bill.lines as { accountId: string }[])[0]!.accountId).toBe(grni.id);
  expect((bill.lines as { accountId: string }[])[1]!.accountId).not.toBe(grni.id);
  expect(await balances(api, ["1300", "2120"])).toEqual({ "1300": "50.00", "2120": "0.00" });
});

it("a movement of an organization whose ledger was never set up goes to the dead letters saying so, and posts nothing", async () => {
  const organizationId = uuidv7();
  const receipt = moved(organizationId, { type: "receipt", quantity: "1.000", value: "3.00" });
  await transport.publish([receipt]);
  await waitFor(async () => (await listDeadLetters(pool, { group })).some((letter) => letter.eventId === receipt.id), { what: "dead letter", timeoutMs: 60_000 });
  expect((await listDeadLetters(pool, { group })).find((l) => l.eventId === receipt.id)!.error).toMatch(/base currency is not known/);
  expect(await entriesOf(organizationId, (receipt.data as { movementId: string }).movementId)).toEqual([]);
});

it("a stock movement's entry cannot be reversed on its own (409): the stock would say otherwise", async () => {
  const { id, api } = await ledger();
  const receipt = moved(id, { type: "receipt", quantity: "1.000", value: "4.00" });
  await deliver(receipt);
  const { rows } = await t.owner.query<{ id: string }>("SELECT id FROM finance.journal_entries WHERE organization_id = $1 AND source_id = $2", [
    id,
    (receipt.data as { movementId: string }).movementId,
  ]);
  const res = await api.post(`/journal-entries/${rows[0]!.id}/reverse`, { date: "2026-06-16" });
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe("INVALID_STATE");
  expect(await balances(api, ["1300"])).toEqual({ "1300": "4.00" });
});
