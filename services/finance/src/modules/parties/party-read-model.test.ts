/**
 * Finance's read model of master-data's customers, suppliers and products, fed through the real
 * transport (the PostgreSQL event log) to the finance consumer group's real handlers: a customer
 * created in master-data reaches finance, an update changes it, an archive marks it (documents get
 * 422 PARTY_ARCHIVED naming the field), a restore reactivates it, and neither a redelivered nor a
 * late older event changes anything.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inTransaction, uuidv7 } from "@erp/db";
import {
  customerArchived,
  customerCreated,
  customerRestored,
  customerUpdated,
  productArchived,
  productCreated,
  productUpdated,
  supplierCreated,
} from "@erp/event-catalog";
import { AppError } from "@erp/errors";
import { createPostgresTransport, subscribe, type EventDefinition, type EventEnvelope, type Subscription, type Transport } from "@erp/events";
import { waitFor } from "@erp/testkit";
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";
import { handlers } from "../../consumers";
import type { Tx } from "../../db";
import { asService } from "../../events";
import { requireActiveParty, requireActiveProduct } from "./require-active-party";

let t: FinanceTestApp;
let pool: pg.Pool;
let transport: Transport;
let consumer: Subscription;
const group = `finance-parties-test-${randomUUID().slice(0, 8)}`;
beforeAll(async () => {
  t = await startFinanceTestApp();
  pool = new pg.Pool({ connectionString: t.connectionString, max: 2 });
  transport = createPostgresTransport({ pool });
  consumer = await subscribe({ transport, db: t.db, group, handlers, maxAttempts: 1 });
});
afterAll(async () => {
  await consumer.close();
  await transport.close();
  await pool.end();
  await t.close();
});

let clock = Date.parse("2026-05-01T08:00:00.000Z");
/** An envelope as master-data's outbox writes it; each one happens a second after the previous unless `occurredAt` says otherwise. */
function envelope<D extends EventDefinition>(definition: D, organizationId: string, aggregateId: string, data: Record<string, unknown>, occurredAt?: string): EventEnvelope {
  clock += 1000;
  const parsed = definition.data.parse(data) as Record<string, unknown>; // what master-data may publish, no more
  return {
    id: uuidv7(),
    type: definition.type,
    version: definition.version,
    organizationId,
    aggregateId,
    occurredAt: occurredAt ?? new Date(clock).toISOString(),
    actor: { type: "user", id: uuidv7() },
    correlationId: uuidv7(),
    data: parsed,
  };
}

const party = {
  code: "CUS-0001",
  legalName: "Globex Trading GmbH",
  displayName: "Globex",
  type: "company",
  taxId: "CHE-123.456.789",
  email: "ap@globex.example",
  phone: null,
  website: null,
  billingAddress: { line1: "Bahnhofstrasse 1", line2: null, city: "Zürich", region: null, postalCode: "8001", country: "CH" },
  shippingAddress: null,
  paymentTermsDays: 30,
  currency: "CHF",
  tags: [],
  notes: null,
  status: "active",
};
const product = {
  sku: "SKU-1",
  name: "Widget",
  description: null,
  type: "stock_item",
  categoryId: null,
  unitOfMeasure: "pcs",
  salePrice: "19.90",
  purchaseCost: "7.2500",
  currency: "EUR",
  taxRate: "8.10",
  barcode: null,
  reorderLevel: null,
  status: "active",
};

async function processed(eventId: string): Promise<boolean> {
  const { rows } = await pool.query("SELECT 1 FROM events.processed_events WHERE group_id = $1 AND event_id = $2", [group, eventId]);
  return rows.length > 0;
}
let published = 0;
async function deliver(...events: EventEnvelope[]): Promise<void> {
  await transport.publish(events);
  published += events.length;
  await waitFor(async () => (await Promise.all(events.map((e) => processed(e.id)))).every(Boolean), { what: "events processed" });
}

const inOrganization = <T>(organizationId: string, fn: (tx: Tx) => Promise<T>) => inTransaction(t.db, asService(organizationId), fn);
const customer = (organizationId: string, id: string, path = "customerId") =>
  inOrganization(organizationId, (tx) => requireActiveParty(tx, asService(organizationId), { kind: "customer", id, path }));
async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected a refusal");
}
const row = async (organizationId: string, id: string) =>
  (await t.owner.query("SELECT code, payment_terms_days, currency, archived_at, source_event_at, updated_at FROM finance.parties WHERE organization_id = $1 AND id = $2", [organizationId, id]))
    .rows[0];

it("a customer created in master-data reaches finance; an update changes it, an archive marks it, a restore reactivates it; redelivered and older events change nothing", async () => {
  const organizationId = uuidv7();
  const id = uuidv7();
  const created = envelope(customerCreated, organizationId, id, { ...party, creditLimit: "5000", sourceReference: null });
  await deliver(created);
  expect(await customer(organizationId, id)).toEqual({
    kind: "customer",
    id,
    code: "CUS-0001",
    displayName: "Globex",
    legalName: "Globex Trading GmbH",
    taxId: "CHE-123.456.789",
    email: "ap@globex.example",
    billingAddress: party.billingAddress,
    paymentTermsDays: 30,
    currency: "CHF",
    creditLimit: "5000.00",
  });

  const updated = envelope(customerUpdated, organizationId, id, { ...party, paymentTermsDays: 45, currency: "EUR", creditLimit: null, changedFields: ["paymentTermsDays", "currency", "creditLimit"] });
  await deliver(updated);
  expect(await customer(organizationId, id)).toMatchObject({ paymentTermsDays: 45, currency: "EUR", creditLimit: null });

  // The created event again (same id: applyOnce stops it) and an update that happened before the last one (a late retry).
  // The consumer's offsets rewound to the start: every event in the log comes again, as after a
  // crash between handling and committing.
  const before = await row(organizationId, id);
  await consumer.close();
  await pool.query("UPDATE events.consumer_offsets SET committed_offset = 0 WHERE group_id = $1", [group]);
  consumer = await subscribe({ transport, db: t.db, group, handlers, maxAttempts: 1 });
  await waitFor(() => consumer.stats().duplicates >= published, { what: "every event redelivered and seen as a duplicate" });
  expect(await row(organizationId, id)).toEqual(before);
  const late = envelope(customerUpdated, organizationId, id, { ...party, paymentTermsDays: 10, creditLimit: null, changedFields: ["paymentTermsDays"] }, created.occurredAt);
  await deliver(late);
  expect(await row(organizationId, id)).toEqual(before);

  const archived = envelope(customerArchived, organizationId, id, { code: "CUS-0001", status: "archived" });
  await deliver(archived);
  expect((await row(organizationId, id)).archived_at).toEqual(new Date(archived.occurredAt));
  expect(await refusal(customer(organizationId, id, "lines.0.customerId"))).toEqual({
    status: 422,
    code: "PARTY_ARCHIVED",
    details: [{ path: "lines.0.customerId", message: "The customer is archived" }],
  });

  // An update of the archived customer keeps it archived, with the first archive time.
  const renamed = envelope(customerUpdated, organizationId, id, { ...party, displayName: "Globex AG", creditLimit: null, status: "archived", changedFields: ["displayName"] });
  await deliver(renamed);
  expect(await row(organizationId, id)).toMatchObject({ archived_at: new Date(archived.occurredAt) });

  await deliver(envelope(customerRestored, organizationId, id, { code: "CUS-0001", status: "active" }));
  expect(await customer(organizationId, id)).toMatchObject({ displayName: "Globex AG", paymentTermsDays: 30, currency: "CHF" });
});

it("an id finance never heard of, a supplier asked for as a customer, or another organization's party is 422 naming the field", async () => {
  const organizationId = uuidv7();
  const other = uuidv7();
  const supplierId = uuidv7();
  const theirs = uuidv7();
  await deliver(
    envelope(supplierCreated, organizationId, supplierId, { ...party, code: "SUP-0001" }),
    envelope(customerCreated, other, theirs, { ...party, creditLimit: null }),
    // An archive of a party finance never heard of changes nothing (its created event carries the status).
    envelope(customerArchived, organizationId, uuidv7(), { code: "CUS-0404", status: "archived" }),
  );
  expect(await inOrganization(organizationId, (tx) => requireActiveParty(tx, asService(organizationId), { kind: "supplier", id: supplierId, path: "supplierId" }))).toMatchObject({
    kind: "supplier",
    code: "SUP-0001",
    creditLimit: null,
  });
  expect(await refusal(customer(organizationId, supplierId))).toEqual({ status: 422, code: "UNKNOWN_CUSTOMER", details: [{ path: "customerId", message: "No such customer" }] });
  expect(await refusal(customer(organizationId, theirs))).toMatchObject({ status: 422, code: "UNKNOWN_CUSTOMER" });
  expect(
    await refusal(inOrganization(organizationId, (tx) => requireActiveParty(tx, asService(organizationId), { kind: "supplier", id: uuidv7(), path: "supplierId" }))),
  ).toEqual({ status: 422, code: "UNKNOWN_SUPPLIER", details: [{ path: "supplierId", message: "No such supplier" }] });
  const { rows } = await t.owner.query("SELECT count(*)::int AS n FROM finance.parties WHERE organization_id = $1", [organizationId]);
  expect(rows[0].n).toBe(1);
});

it("products: created, updated (price, tax rate), archived; unknown is UNKNOWN_PRODUCT", async () => {
  const organizationId = uuidv7();
  const id = uuidv7();
  const product$ = () => inOrganization(organizationId, (tx) => requireActiveProduct(tx, asService(organizationId), { id, path: "lines.2.productId" }));
  await deliver(envelope(productCreated, organizationId, id, product));
  expect(await product$()).toEqual({
    id,
    sku: "SKU-1",
    name: "Widget",
    type: "stock_item",
    unitOfMeasure: "pcs",
    salePrice: "19.90",
    purchaseCost: "7.2500",
    currency: "EUR",
    taxRate: "8.10",
  });
  await deliver(envelope(productUpdated, organizationId, id, { ...product, salePrice: "21.00", taxRate: null, changedFields: ["salePrice", "taxRate"] }));
  expect(await product$()).toMatchObject({ salePrice: "21.00", taxRate: null });
  await deliver(envelope(productArchived, organizationId, id, { sku: "SKU-1", status: "archived" }));
  expect(await refusal(product$())).toEqual({ status: 422, code: "PRODUCT_ARCHIVED", details: [{ path: "lines.2.productId", message: "The product is archived" }] });
  expect(
    await refusal(inOrganization(organizationId, (tx) => requireActiveProduct(tx, asService(organizationId), { id: uuidv7(), path: "lines.0.productId" }))),
  ).toEqual({ status: 422, code: "UNKNOWN_PRODUCT", details: [{ path: "lines.0.productId", message: "No such product" }] });
});

it("the read model is isolated: the service's role sees no party without the organization's context and writes none by hand", async () => {
  const organizationId = uuidv7();
  await deliver(envelope(customerCreated, organizationId, uuidv7(), { ...party, creditLimit: null }));
  const { rows } = await t.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM finance.parties");
  expect(rows[0]?.n).toBe("0");
  await expect(t.db.pool.query("DELETE FROM finance.parties")).rejects.toThrow(/permission denied/);
});
