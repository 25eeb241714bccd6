/**
 * finance.ledger.opened, delivered through the real transport (the PostgreSQL event log) to the
 * service's handlers: once finance has opened an organization's books its base currency is locked.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import request from "supertest";
import { ledgerOpened } from "@erp/event-catalog";
import { createPostgresTransport, subscribe, type EventEnvelope, type Subscription, type Transport } from "@erp/events";
import { uuidv7 } from "@erp/db";
import { waitFor } from "@erp/testkit";
import { as, startTenantTestApp, type TenantTestApp } from "../../test/harness";
import { handlers } from "./index";

let t: TenantTestApp;
let pool: pg.Pool;
let transport: Transport;
let consumer: Subscription;
const group = `tenant-test-${randomUUID().slice(0, 8)}`;
beforeAll(async () => {
  t = await startTenantTestApp();
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

function opened(organizationId: string, baseCurrency: string, openedAt: string): EventEnvelope {
  return {
    id: uuidv7(),
    type: ledgerOpened.type,
    version: ledgerOpened.version,
    organizationId,
    aggregateId: organizationId,
    occurredAt: openedAt,
    actor: { type: "user", id: uuidv7() },
    correlationId: uuidv7(),
    data: { baseCurrency, firstEntryNumber: "JE-2026-000001", openedAt },
  };
}

/** Publishes the events and waits until the consumer has processed the last of them (a dead letter fails at once). */
async function deliver(...events: EventEnvelope[]): Promise<void> {
  await transport.publish(events);
  const last = events.at(-1)!.id;
  await waitFor(
    async () => {
      if ((await consumer.listDeadLetters()).some((letter) => letter.eventId === last)) throw new Error(`event ${last} was dead-lettered`);
      return (await pool.query("SELECT 1 FROM events.processed_events WHERE group_id = $1 AND event_id = $2", [group, last])).rows.length > 0;
    },
    { what: `event ${last} processed` },
  );
}

async function books(organizationId: string) {
  const { rows } = await t.owner.query<{ base_currency: string; books_currency: string | null; books_opened_at: Date | null }>(
    "SELECT base_currency, books_currency, books_opened_at FROM tenant.organizations WHERE id = $1",
    [organizationId],
  );
  return rows[0];
}

const updatedEvents = async (organizationId: string) => (await t.outbox(organizationId)).filter((row) => row.event_type === "tenant.organization.updated");

describe("finance.ledger.opened locks the base currency", () => {
  it("before the books are opened the base currency changes (200); after, the change is 409 BASE_CURRENCY_LOCKED and nothing is written", async () => {
    const org = await t.createActiveOrganization("Yen Books KK", { baseCurrency: "USD" });
    const api = as(t.app, org.token);
    const before = await api.patch("/organizations/current", { baseCurrency: "JPY" });
    expect([before.status, before.body.data.baseCurrency, before.body.data.booksOpenedAt]).toEqual([200, "JPY", null]);
    expect(await updatedEvents(org.id)).toHaveLength(1);

    await deliver(opened(org.id, "JPY", "2026-04-01T09:30:00.000Z"));
    expect(await books(org.id)).toEqual({ base_currency: "JPY", books_currency: "JPY", books_opened_at: new Date("2026-04-01T09:30:00.000Z") });

    const refused = await api.patch("/organizations/current", { baseCurrency: "EUR", name: "Euro Books" });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "BASE_CURRENCY_LOCKED",
      message: "The base currency cannot change: the organization's books are kept in JPY since 2026-04-01",
    });
    const current = await api.get("/organizations/current");
    expect(current.body.data).toMatchObject({ name: "Yen Books KK", baseCurrency: "JPY", booksOpenedAt: "2026-04-01T09:30:00.000Z" });
    expect(await updatedEvents(org.id)).toHaveLength(1);

    // The other fields still change, and naming the current currency is no change.
    const renamed = await api.patch("/organizations/current", { name: "Yen Books Holdings", baseCurrency: "JPY" });
    expect([renamed.status, renamed.body.data.name]).toEqual([200, "Yen Books Holdings"]);
    expect((await updatedEvents(org.id)).at(-1)?.envelope.data).toMatchObject({ baseCurrency: "JPY", changedFields: ["name"] });
  });

  it("a redelivered event, or a second one, changes nothing: the first opening counts", async () => {
    const org = await t.createActiveOrganization("Twice Opened Ltd", { baseCurrency: "GBP" });
    const first = opened(org.id, "GBP", "2026-02-03T10:00:00.000Z");
    await deliver(first);
    await deliver(first, opened(org.id, "GBP", "2026-05-06T10:00:00.000Z"));
    expect(await books(org.id)).toEqual({ base_currency: "GBP", books_currency: "GBP", books_opened_at: new Date("2026-02-03T10:00:00.000Z") });
    expect(await updatedEvents(org.id)).toEqual([]);
    const refused = await as(t.app, org.token).patch("/organizations/current", { baseCurrency: "EUR" });
    expect(refused.body.error.message).toBe("The base currency cannot change: the organization's books are kept in GBP since 2026-02-03");
  });

  it("a base currency changed while the event was on its way is set back to the books' currency, and published", async () => {
    const org = await t.createActiveOrganization("Raced Ltd", { baseCurrency: "JPY" });
    // Finance posted in JPY; the change to EUR reached finance after its first entry (it no longer follows).
    expect((await as(t.app, org.token).patch("/organizations/current", { baseCurrency: "EUR" })).status).toBe(200);
    await deliver(opened(org.id, "JPY", "2026-03-01T08:00:00.000Z"));
    expect((await books(org.id))?.base_currency).toBe("JPY");
    const repaired = (await updatedEvents(org.id)).at(-1);
    expect(repaired?.envelope.data).toMatchObject({ baseCurrency: "JPY", changedFields: ["baseCurrency"] });
    expect(repaired?.envelope.actor.type).toBe("service");
  });

  it("an organization this service does not have is no failure (nothing to lock)", async () => {
    const event = opened(uuidv7(), "EUR", "2026-03-01T08:00:00.000Z");
    await deliver(event);
  });

  it("the OpenAPI document names BASE_CURRENCY_LOCKED among PATCH /organizations/current's 409 codes", async () => {
    const openapi = await request(t.app).get("/api/v1/tenant/openapi.json");
    expect(JSON.stringify(openapi.body.paths["/api/v1/tenant/organizations/current"].patch.responses["409"])).toContain("BASE_CURRENCY_LOCKED");
  });
});
