/**
 * The tenant events finance consumes, delivered through the real transport (the PostgreSQL event
 * log) to the real handlers: a new organization gets its ledger and default chart in its base
 * currency, once however often the event comes; settings and currency changes are copied.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { organizationCreated, organizationUpdated, settingsUpdated } from "@erp/event-catalog";
import { createPostgresTransport, subscribe, type EventDefinition, type EventEnvelope, type Subscription, type Transport } from "@erp/events";
import { uuidv7 } from "@erp/db";
import { waitFor } from "@erp/testkit";
import { startFinanceTestApp, type FinanceTestApp } from "../../test/harness";
import { handlers } from "./index";

let t: FinanceTestApp;
let pool: pg.Pool;
let transport: Transport;
let consumer: Subscription;
const group = `finance-test-${randomUUID().slice(0, 8)}`;
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

function envelope(definition: EventDefinition, organizationId: string, data: Record<string, unknown>): EventEnvelope {
  return {
    id: uuidv7(),
    type: definition.type,
    version: definition.version,
    organizationId,
    aggregateId: organizationId,
    occurredAt: new Date().toISOString(),
    actor: { type: "service", id: "tenant" },
    correlationId: uuidv7(),
    data,
  };
}

const snapshot = { name: "Acme", slug: "acme", timezone: "Europe/Zurich", status: "active" };
const created = (organizationId: string, baseCurrency: string) =>
  envelope(organizationCreated, organizationId, { ...snapshot, baseCurrency, planCode: "pro", enabledModules: ["finance"] });

async function processed(eventId: string): Promise<boolean> {
  const { rows } = await pool.query("SELECT 1 FROM events.processed_events WHERE group_id = $1 AND event_id = $2", [group, eventId]);
  return rows.length > 0;
}

const settingsOf = async (organizationId: string) =>
  (await t.owner.query("SELECT base_currency, fiscal_year_start_month, chart_created_at IS NOT NULL AS chart FROM finance.ledger_settings WHERE organization_id = $1", [organizationId])).rows[0];
const accountCount = async (organizationId: string) =>
  (await t.owner.query<{ n: number }>("SELECT count(*)::int AS n FROM finance.accounts WHERE organization_id = $1", [organizationId])).rows[0]!.n;

it("tenant.organization.created sets the ledger up in the base currency, once, even when delivered twice; the tenant service is never asked", async () => {
  const organizationId = uuidv7();
  const first = created(organizationId, "CHF");
  const again = { ...created(organizationId, "CHF") };
  await transport.publish([first, again]);
  await waitFor(async () => (await processed(first.id)) && (await processed(again.id)), { what: "both events processed" });
  expect(await settingsOf(organizationId)).toEqual({ base_currency: "CHF", fiscal_year_start_month: 1, chart: true });
  const accounts = await accountCount(organizationId);
  expect(accounts).toBeGreaterThan(40);
  const api = t.api(t.token(organizationId));
  expect((await t.account(api, "1120")).currency).toBe("CHF");
  expect(await accountCount(organizationId)).toBe(accounts);
  expect(t.directoryCalls).not.toContain(organizationId);
});

it("tenant.settings.updated copies the fiscal year's first month; other settings and unknown organizations change nothing", async () => {
  const organizationId = uuidv7();
  const setUp = created(organizationId, "EUR");
  const month = envelope(settingsUpdated, organizationId, { settings: { fiscalYearStartMonth: 7, locale: "de-CH" }, changedFields: ["fiscalYearStartMonth"] });
  const other = envelope(settingsUpdated, organizationId, { settings: { locale: "fr-CH" }, changedFields: ["locale"] });
  const unknown = envelope(settingsUpdated, uuidv7(), { settings: { fiscalYearStartMonth: 3 }, changedFields: ["fiscalYearStartMonth"] });
  await transport.publish([setUp, month, other, unknown]);
  await waitFor(async () => (await Promise.all([setUp, month, other, unknown].map((e) => processed(e.id)))).every(Boolean), { what: "events processed" });
  expect(await settingsOf(organizationId)).toMatchObject({ fiscal_year_start_month: 7 });
  const { rows } = await t.owner.query("SELECT count(*)::int AS n FROM finance.ledger_settings WHERE organization_id = $1", [unknown.organizationId]);
  expect(rows[0].n).toBe(0);
});

it("tenant.organization.updated changes the base currency while the ledger is empty, and not once it holds entries", async () => {
  const organizationId = uuidv7();
  const setUp = created(organizationId, "EUR");
  await transport.publish([setUp]);
  await waitFor(() => processed(setUp.id), { what: "set-up processed" });
  const toUsd = envelope(organizationUpdated, organizationId, { ...snapshot, baseCurrency: "USD", changedFields: ["baseCurrency"] });
  await transport.publish([toUsd]);
  await waitFor(() => processed(toUsd.id), { what: "update processed" });
  expect(await settingsOf(organizationId)).toMatchObject({ base_currency: "USD" });
  const api = t.api(t.token(organizationId));
  expect((await t.account(api, "1110")).currency).toBe("USD");

  const draft = await api.post("/journal-entries", { date: "2026-03-01", lines: [] });
  expect(draft.status).toBe(201);
  const toGbp = envelope(organizationUpdated, organizationId, { ...snapshot, baseCurrency: "GBP", changedFields: ["baseCurrency"] });
  await transport.publish([toGbp]);
  await waitFor(() => processed(toGbp.id), { what: "second update processed" });
  expect(await settingsOf(organizationId)).toMatchObject({ base_currency: "USD" });
});
