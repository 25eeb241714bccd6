/**
 * Pruning what would otherwise grow forever, without dropping what a consumer still needs:
 * processed-event records (what makes a redelivery harmless) and published outbox rows.
 */
import type pg from "pg";
import { parseConfig } from "@erp/config";
import { uuidv7, type TransactionClient } from "@erp/db";
import { createTestDatabase, dropTestDatabases, waitFor } from "@erp/testkit";
import {
  createPostgresTransport,
  eventHandler,
  eventsConfigSchema,
  pruneLog,
  pruneOutbox,
  pruneProcessedEvents,
  startRelay,
  startServiceEvents,
  subscribe,
  type Transport,
} from "../src";
import { SHOP_SCHEMA, openShop, orderPlaced, placeOrder, type OrderPlaced, type ShopDb } from "./shop";

type Tx = TransactionClient<ShopDb["prisma"]>;
const DAY_MS = 86_400_000;
const THIRTY_DAYS_MS = 30 * DAY_MS;

let db: ShopDb;
let admin: pg.Pool;
let url: string;
let transport: Transport;

beforeAll(async () => {
  url = await createTestDatabase();
  ({ db, admin } = await openShop(url));
  transport = createPostgresTransport({ pool: db.pool, pollIntervalMs: 50, backoff: { initialMs: 5, maxMs: 50 } });
});

afterAll(async () => {
  await transport?.close();
  await db?.close();
  await admin?.end();
  await dropTestDatabases();
});

/** A processed-event record, `ageDays` old. */
const processed = async (group: string, ageDays: number, eventId = uuidv7()) => {
  await admin.query(
    "INSERT INTO events.processed_events (group_id, event_id, processed_at) VALUES ($1, $2, now() - make_interval(days => $3))",
    [group, eventId, ageDays],
  );
  return eventId;
};

const deadLetter = async (group: string, eventId: string, replayed: boolean) => {
  await admin.query(
    `INSERT INTO events.dead_letters (id, group_id, event_id, event_type, envelope, error, attempts, replayed_at)
     VALUES ($1, $2, $3, 'kept.order.placed', '{}', 'failed', 5, CASE WHEN $4 THEN now() END)`,
    [uuidv7(), group, eventId, replayed],
  );
};

const remaining = async (ids: string[]) =>
  (await admin.query<{ event_id: string }>("SELECT event_id FROM events.processed_events WHERE event_id = ANY($1::uuid[])", [ids])).rows
    .map((row) => row.event_id)
    .sort();

test("processed-event records go only when old, out of the log, and not awaiting a dead-letter replay", async () => {
  const old = await processed("keeper", 40);
  const young = await processed("keeper", 29);
  const inLog = await processed("keeper", 40);
  await admin.query(
    `INSERT INTO events.log (topic, "offset", event_id, key, envelope, headers) VALUES ('erp.kept', 1, $1, 'k', '{}', '{}')`,
    [inLog],
  );
  const awaitingReplay = await processed("keeper", 40);
  await deadLetter("keeper", awaitingReplay, false);
  const replayed = await processed("keeper", 40);
  await deadLetter("keeper", replayed, true);
  const otherGroupsLetter = await processed("keeper", 40);
  await deadLetter("someone-else", otherGroupsLetter, false);

  const all = [old, young, inLog, awaitingReplay, replayed, otherGroupsLetter];
  expect(await pruneProcessedEvents(db.pool, THIRTY_DAYS_MS)).toBe(3);
  expect(await remaining(all)).toEqual([young, inLog, awaitingReplay].sort());
});

test("a consumed event keeps its record while it can be redelivered, and loses it only after the log let it go", async () => {
  const placed: OrderPlaced = orderPlaced("pruned");
  const org = uuidv7();
  const relay = startRelay({ pool: db.pool, schema: SHOP_SCHEMA, transport, pollIntervalMs: 20 });
  const subscription = await subscribe({
    transport,
    db,
    group: "pruned-group",
    handlers: {
      [placed.type]: eventHandler<OrderPlaced["data"], Tx>(placed, async (e, tx) => {
        await tx.effect.create({ data: { organizationId: e.organizationId, eventId: e.id, aggregateId: e.aggregateId, position: e.data.position } });
      }),
    },
  });
  try {
    const eventId = await placeOrder(db, placed, org, uuidv7(), 1);
    await waitFor(() => subscription.stats().handled === 1, { what: "the event handled" });
    // Long ago, by every clock: only the log still holds the event.
    await admin.query("UPDATE events.processed_events SET processed_at = now() - interval '40 days' WHERE event_id = $1", [eventId]);
    await admin.query("UPDATE events.log SET appended_at = now() - interval '40 days' WHERE event_id = $1", [eventId]);

    // While the event is in the log, a rewind redelivers it, and the record makes it a duplicate.
    expect(await pruneProcessedEvents(db.pool, THIRTY_DAYS_MS)).toBe(0);
    await subscription.close();
    await admin.query("UPDATE events.consumer_offsets SET committed_offset = 0 WHERE group_id = 'pruned-group'");
    const again = await subscribe({ transport, db, group: "pruned-group", handlers: { [placed.type]: eventHandler<OrderPlaced["data"], Tx>(placed, async () => undefined) } });
    await waitFor(() => again.stats().duplicates === 1, { what: "the redelivery seen as a duplicate" });
    await again.close();

    // Once every group is past it, the log prunes it; then nothing can bring it back and the record goes.
    expect(await pruneLog(db.pool, THIRTY_DAYS_MS)).toBeGreaterThanOrEqual(1);
    expect(await pruneProcessedEvents(db.pool, THIRTY_DAYS_MS)).toBe(1);
    expect(await remaining([eventId])).toEqual([]);
  } finally {
    await subscription.close();
    await relay.stop();
  }
});

test("published outbox rows go after their retention; unpublished rows never, however old", async () => {
  const placed = orderPlaced("outboxed");
  const org = uuidv7();
  const [oldPublished, youngPublished, oldUnpublished] = [
    await placeOrder(db, placed, org, uuidv7(), 1),
    await placeOrder(db, placed, org, uuidv7(), 2),
    await placeOrder(db, placed, org, uuidv7(), 3),
  ];
  await admin.query("UPDATE shop.outbox SET created_at = now() - interval '40 days', published_at = now() - interval '39 days' WHERE id = $1", [oldPublished]);
  await admin.query("UPDATE shop.outbox SET published_at = now() - interval '1 day' WHERE id = $1", [youngPublished]);
  await admin.query("UPDATE shop.outbox SET created_at = now() - interval '40 days' WHERE id = $1", [oldUnpublished]);

  // The service's own pool (the runtime role) does the pruning.
  expect(await pruneOutbox(db.pool, SHOP_SCHEMA, 7 * DAY_MS)).toBe(1);
  const left = await admin.query<{ id: string }>("SELECT id FROM shop.outbox WHERE id = ANY($1::uuid[]) ORDER BY sequence", [[oldPublished, youngPublished, oldUnpublished]]);
  expect(left.rows.map((row) => row.id)).toEqual([youngPublished, oldUnpublished]);
});

test("startServiceEvents prunes on its own, every interval", async () => {
  const events = await startServiceEvents({
    config: parseConfig(eventsConfigSchema, { EVENTS_POLL_INTERVAL_MS: "50" }),
    service: "shop",
    schema: SHOP_SCHEMA,
    connectionString: url,
    pool: db.pool,
    tuning: { pruneIntervalMs: 50 },
  });
  try {
    const stale = await processed("housekept", 31);
    const fresh = await processed("housekept", 1);
    await waitFor(async () => (await remaining([stale, fresh])).length === 1, { what: "the stale record pruned" });
    expect(await remaining([stale, fresh])).toEqual([fresh]);
  } finally {
    await events.close();
  }
});

test("processed records must outlive the log: a retention not longer than the log's is refused at start", () => {
  const defaults = parseConfig(eventsConfigSchema, {});
  expect(defaults.EVENTS_PROCESSED_RETENTION_HOURS).toBeGreaterThan(defaults.EVENTS_LOG_RETENTION_HOURS);
  expect(() => parseConfig(eventsConfigSchema, { EVENTS_LOG_RETENTION_HOURS: "168", EVENTS_PROCESSED_RETENTION_HOURS: "168" })).toThrow(
    /EVENTS_PROCESSED_RETENTION_HOURS.*longer than EVENTS_LOG_RETENTION_HOURS/,
  );
});
