/**
 * The tenant events this service consumes, delivered through the real transport (the PostgreSQL
 * event log) to the real handlers, which run the settings use case in the transaction applyOnce
 * hands them.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { organizationCreated, organizationUpdated, settingsUpdated } from "@erp/event-catalog";
import { createPostgresTransport, eventHandler, subscribe, type EventDefinition, type EventEnvelope, type Subscription, type Transport } from "@erp/events";
import { uuidv7 } from "@erp/db";
import { startMasterDataTestApp, type MasterDataTestApp } from "../../test/harness";
import type { Tx } from "../db";
import { handlers } from "./index";

let t: MasterDataTestApp;
let pool: pg.Pool;
let transport: Transport;
beforeAll(async () => {
  t = await startMasterDataTestApp();
  pool = new pg.Pool({ connectionString: t.connectionString, max: 2 });
  transport = createPostgresTransport({ pool });
});
afterAll(async () => {
  await transport.close();
  await pool.end();
  await t.close();
});

function envelope(definition: EventDefinition, organizationId: string, data: Record<string, unknown>): EventEnvelope {
  return {
    id: uuidv7(),
    type: definition.type,
    version: definition.version,
    organizationId,
    aggregateId: organizationId,
    occurredAt: new Date().toISOString(),
    actor: { type: "user", id: uuidv7() },
    correlationId: uuidv7(),
    data,
  };
}

const organization = { name: "Acme", slug: "acme", timezone: "Europe/Zurich", status: "active" };
const created = (organizationId: string, baseCurrency: string) =>
  envelope(organizationCreated, organizationId, { ...organization, baseCurrency, planCode: "starter", enabledModules: ["master-data"] });
const updated = (organizationId: string, baseCurrency: string) =>
  envelope(organizationUpdated, organizationId, { ...organization, baseCurrency, changedFields: ["baseCurrency"] });

async function until<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 10_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function processed(group: string, eventId: string): Promise<boolean> {
  const { rows } = await pool.query("SELECT 1 FROM events.processed_events WHERE group_id = $1 AND event_id = $2", [group, eventId]);
  return rows.length > 0;
}

async function consume(group: string, handled = handlers): Promise<Subscription> {
  return subscribe({ transport, db: t.db, group, handlers: handled, maxAttempts: 1 });
}

describe("tenant events", () => {
  it("organization created, then updated: new products default to the base currency of the moment", async () => {
    const org = await t.organization();
    const group = `md-test-${randomUUID().slice(0, 8)}`;
    const consumer = await consume(group);
    try {
      // Before any event the service does not know the base currency.
      const refused = await org.api.post("/products", { sku: "P-0", name: "Early" });
      expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([
        422,
        "CURRENCY_REQUIRED",
        [{ path: "currency", message: "Required until the organization's base currency is known" }],
      ]);

      const first = created(org.id, "CHF");
      await transport.publish([first]);
      await until("the created event", async () => ((await processed(group, first.id)) ? true : undefined));
      const chf = await org.api.post("/products", { sku: "P-1", name: "Swiss" });
      expect([chf.status, chf.body.data.currency]).toEqual([201, "CHF"]);
      expect((await org.api.post("/products", { sku: "P-2", name: "Priced in euros", currency: "EUR" })).body.data.currency).toBe("EUR");

      const second = updated(org.id, "JPY");
      await transport.publish([second]);
      await until("the updated event", async () => ((await processed(group, second.id)) ? true : undefined));
      expect((await org.api.post("/products", { sku: "P-3", name: "Japanese" })).body.data.currency).toBe("JPY");
      expect((await org.api.get(`/products/${chf.body.data.id}`)).body.data.currency).toBe("CHF");
    } finally {
      await consumer.close();
    }
  });

  it("settings updated: allowNegativeStock is copied, other settings are ignored", async () => {
    const org = await t.organization();
    const group = `md-test-${randomUUID().slice(0, 8)}`;
    const consumer = await consume(group);
    try {
      const events = [
        envelope(settingsUpdated, org.id, { settings: { allowNegativeStock: true }, changedFields: ["allowNegativeStock"] }),
        envelope(settingsUpdated, org.id, { settings: { locale: "de-CH" }, changedFields: ["locale"] }),
      ];
      await transport.publish(events);
      await until("both events", async () => ((await processed(group, events[1]!.id)) ? true : undefined));
      const warehouse = (await org.api.post("/warehouses", { code: "W", name: "W" })).body.data.id;
      const product = (await org.api.post("/products", { sku: "NEG", name: "Negative", currency: "EUR" })).body.data.id;
      // Only allowed with allowNegativeStock: an issue from an empty warehouse.
      const issue = await org.api.post("/stock/issues", { productId: product, warehouseId: warehouse, quantity: "1" });
      expect(issue.status).toBe(201);
    } finally {
      await consumer.close();
    }
  });

  it("a handler that fails after the use case ran leaves neither its effect nor the processed-event record", async () => {
    const org = await t.organization();
    const group = `md-test-${randomUUID().slice(0, 8)}`;
    const failing = eventHandler(organizationCreated, async (event, tx: Tx) => {
      await handlers[organizationCreated.type]!.handle(event, tx);
      throw new Error("a later step failed");
    });
    const consumer = await consume(group, { ...handlers, [organizationCreated.type]: failing });
    try {
      const event = created(org.id, "GBP");
      await transport.publish([event]);
      // A new group reads the log from its start: earlier tests' events are parked too.
      await until("the dead letter", async () => ((await consumer.listDeadLetters()).some((letter) => letter.eventId === event.id) ? true : undefined));
      expect(await processed(group, event.id)).toBe(false);
      const { rows } = await t.owner.query("SELECT base_currency FROM master_data.organization_settings WHERE organization_id = $1", [org.id]);
      expect(rows).toEqual([]);
    } finally {
      await consumer.close();
    }
  });
});
