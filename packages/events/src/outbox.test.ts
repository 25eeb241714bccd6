import { Client } from "pg";
import { z } from "zod";
import { createTestDatabase, dropTestDatabases } from "@erp/testkit";
import { runWithContext } from "@erp/logging";
import { defineEvent } from "./catalog";
import { appendToOutbox, type RawExecutor } from "./outbox";

const widgetCreated = defineEvent("test.widget.created", 1, z.object({ widgetId: z.string(), name: z.string() }));
const organizationId = "0190a8a4-4c4e-7c3a-9f7e-2b5d4c3a2b1a";
const actor = { type: "user" as const, id: "0190a8a4-4c4e-7c3a-9f7e-2b5d4c3a2b1b" };

let client: Client;
const executor = (): RawExecutor => ({
  $executeRawUnsafe: async (query, ...values) => (await client.query(query, values)).rowCount ?? 0,
});

beforeAll(async () => {
  client = new Client({ connectionString: await createTestDatabase() });
  await client.connect();
  // The platform's outbox, as every service's migration creates it (@erp/db's app_create_outbox).
  await client.query("CREATE SCHEMA outbox_test; SELECT public.app_create_outbox('outbox_test')");
});

afterAll(async () => {
  await client.end();
  await dropTestDatabases();
});

const widget = { widgetId: "w-1", name: "Sprocket" };
const entry = { event: widgetCreated, organizationId, aggregateType: "widget", aggregateId: "w-1", actor, data: widget };

test("an appended event is stored with its full envelope and the request's correlation id", async () => {
  const envelope = await runWithContext({ requestId: "req-123" }, () => appendToOutbox(executor(), "outbox_test", entry));

  const { rows } = await client.query("SELECT * FROM outbox_test.outbox WHERE id = $1", [envelope.id]);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ event_type: "test.widget.created", event_version: 1, aggregate_id: "w-1", published_at: null });
  expect(rows[0].envelope).toEqual({
    id: envelope.id, type: "test.widget.created", version: 1, organizationId, aggregateId: "w-1",
    occurredAt: envelope.occurredAt, actor, correlationId: "req-123", data: widget,
  });
});

test("an event whose data breaks its schema is refused and nothing is written", async () => {
  const before = await client.query("SELECT count(*)::int AS n FROM outbox_test.outbox");
  await expect(
    appendToOutbox(executor(), "outbox_test", { ...entry, data: { widgetId: 7 } as unknown as typeof widget }),
  ).rejects.toThrow();
  const after = await client.query("SELECT count(*)::int AS n FROM outbox_test.outbox");
  expect(after.rows[0].n).toBe(before.rows[0].n);
});

test("the event commits or rolls back with the caller's transaction", async () => {
  await client.query("BEGIN");
  const envelope = await appendToOutbox(executor(), "outbox_test", entry);
  await client.query("ROLLBACK");
  const { rowCount } = await client.query("SELECT 1 FROM outbox_test.outbox WHERE id = $1", [envelope.id]);
  expect(rowCount).toBe(0);
});

test("a schema name that is not a plain identifier is refused before any SQL runs", async () => {
  await expect(appendToOutbox(executor(), 'x"; DROP TABLE y; --', entry)).rejects.toThrow(/invalid schema name/);
});
