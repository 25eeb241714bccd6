/** What only the postgres transport does: its log table, wake-ups, takeovers and retention. */
import type pg from "pg";
import { uuidv7, type TransactionClient } from "@erp/db";
import { createTestDatabase, dropTestDatabases, waitFor } from "@erp/testkit";
import { createPostgresTransport, eventHandler, pruneLog, startRelay, subscribe, type EventEnvelope, type Transport } from "../src";
import { SHOP_SCHEMA, openShop, orderPlaced, placeOrder, type OrderPlaced, type ShopDb } from "./shop";

type Tx = TransactionClient<ShopDb["prisma"]>;

let db: ShopDb;
let admin: pg.Pool;
let transport: Transport;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  ({ db, admin } = await openShop(await createTestDatabase()));
  transport = createPostgresTransport({ pool: db.pool, pollIntervalMs: 50, standbyRetryMs: 20, backoff: { initialMs: 5, maxMs: 50 } });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await transport?.close();
  await db?.close();
  await admin?.end();
  await dropTestDatabases();
});

const track = <T extends { stop(): Promise<void> }>(thing: T): T => {
  running.push(thing);
  return thing;
};

const consume = async (event: OrderPlaced, group: string, over: Transport = transport) => {
  const subscription = await subscribe({
    transport: over,
    db,
    group,
    handlers: {
      [event.type]: eventHandler<OrderPlaced["data"], Tx>(event, async (envelope, tx) => {
        await tx.effect.create({ data: { organizationId: envelope.organizationId, eventId: envelope.id, aggregateId: envelope.aggregateId, position: envelope.data.position } });
      }),
    },
  });
  track({ stop: () => subscription.close() });
  return subscription;
};

const effectCount = async (organizationId: string) =>
  (await admin.query("SELECT 1 FROM shop.effects WHERE organization_id = $1", [organizationId])).rowCount ?? 0;

const envelopeOf = (type: string, position: number): EventEnvelope => ({
  id: uuidv7(),
  type,
  version: 1,
  organizationId: uuidv7(),
  aggregateId: "a-1",
  occurredAt: new Date().toISOString(),
  actor: { type: "service", id: "shop" },
  correlationId: "c-1",
  data: { position },
});

test("published events get increasing offsets on their topic, headers beside them, and a republished event is stored once", async () => {
  const first = [envelopeOf("logged.order.placed", 1), envelopeOf("logged.order.placed", 2)];
  await transport.publish(first);
  await transport.publish([first[1]!, envelopeOf("logged.order.placed", 3)]);

  const { rows } = await admin.query(`SELECT "offset", key, envelope, headers FROM events.log WHERE topic = 'erp.logged' ORDER BY "offset"`);
  expect(rows.map((r) => r.envelope.data.position)).toEqual([1, 2, 3]);
  expect(rows.map((r) => Number(r.offset))).toEqual([1, 2, 4]); // 3 was reserved for the duplicate
  expect(rows[0]).toMatchObject({
    key: "a-1",
    headers: { "event-type": "logged.order.placed", "event-version": "1", "organization-id": first[0]!.organizationId, "correlation-id": "c-1" },
  });
});

test("a NOTIFY wakes the consumer: no waiting for its (here one minute) poll", async () => {
  const placed = orderPlaced("wakeup");
  const org = uuidv7();
  const slow = createPostgresTransport({ pool: db.pool, pollIntervalMs: 60_000 });
  track({ stop: () => slow.close() });
  await consume(placed, "wakeup-group", slow);
  const relay = track(startRelay({ pool: db.pool, schema: SHOP_SCHEMA, transport, pollIntervalMs: 60_000 }));
  await waitFor(async () => (await admin.query("SELECT 1 FROM events.consumer_offsets WHERE group_id = 'wakeup-group'")).rowCount === 1, { what: "the consumer to start" });

  const started = Date.now();
  await placeOrder(db, placed, org, uuidv7(), 1);
  relay.wake();
  await waitFor(async () => (await effectCount(org)) === 1, { what: "the event", timeoutMs: 5000 });
  expect(Date.now() - started).toBeLessThan(5000);
});

test("one relay per schema is active; a standby takes over when it stops", async () => {
  const placed = orderPlaced("standby");
  const org = uuidv7();
  const published: string[] = [];
  const recording = (name: string): Transport => ({
    ...transport,
    async publish(envelopes) {
      published.push(name);
      await transport.publish(envelopes);
    },
  });
  await consume(placed, "standby-group");
  const active = startRelay({ pool: db.pool, schema: SHOP_SCHEMA, transport: recording("a"), pollIntervalMs: 20, standbyRetryMs: 20 });
  await placeOrder(db, placed, org, uuidv7(), 1);
  await waitFor(async () => (await effectCount(org)) === 1, { what: "the first event" });
  track(startRelay({ pool: db.pool, schema: SHOP_SCHEMA, transport: recording("b"), pollIntervalMs: 20, standbyRetryMs: 20 }));

  await placeOrder(db, placed, org, uuidv7(), 2);
  await waitFor(async () => (await effectCount(org)) === 2, { what: "the second event" });
  expect(published).toEqual(["a", "a"]);

  await active.stop();
  await placeOrder(db, placed, org, uuidv7(), 3);
  await waitFor(async () => (await effectCount(org)) === 3, { what: "the third event, through the standby" });
  expect(published).toEqual(["a", "a", "b"]);
});

test("one consumer of a group reads a topic; a standby takes over where it stopped", async () => {
  const placed = orderPlaced("takeover");
  const org = uuidv7();
  const order = uuidv7();
  track(startRelay({ pool: db.pool, schema: SHOP_SCHEMA, transport, pollIntervalMs: 20 }));
  const first = await consume(placed, "takeover-group");
  await placeOrder(db, placed, org, order, 1);
  await waitFor(async () => (await effectCount(org)) === 1, { what: "the first event" });
  const second = await consume(placed, "takeover-group");

  await placeOrder(db, placed, org, order, 2);
  await waitFor(async () => (await effectCount(org)) === 2, { what: "the second event" });
  expect([first.stats().handled, second.stats().handled]).toEqual([2, 0]);

  await first.close();
  await placeOrder(db, placed, org, order, 3);
  await waitFor(async () => (await effectCount(org)) === 3, { what: "the third event" });
  expect([first.stats().handled, second.stats().handled]).toEqual([2, 1]);
});

test("an event delivered again (offset rewound) is recognised as processed and has no second effect", async () => {
  const placed = orderPlaced("rewind");
  const org = uuidv7();
  track(startRelay({ pool: db.pool, schema: SHOP_SCHEMA, transport, pollIntervalMs: 20 }));
  const first = await consume(placed, "rewind-group");
  for (let position = 1; position <= 3; position++) await placeOrder(db, placed, org, uuidv7(), position);
  await waitFor(async () => (await effectCount(org)) === 3, { what: "3 events" });
  await first.close();

  await admin.query("UPDATE events.consumer_offsets SET committed_offset = 0 WHERE group_id = 'rewind-group'");
  const again = await consume(placed, "rewind-group");
  await waitFor(() => again.stats().duplicates === 3, { what: "3 redeliveries" });
  expect(again.stats().handled).toBe(0);
  expect(await effectCount(org)).toBe(3);
});

test("retention deletes old events only below the offset every consuming group has committed", async () => {
  const topic = "erp.retained";
  await transport.publish([1, 2, 3, 4].map((position) => envelopeOf("retained.order.placed", position)));
  await transport.publish([envelopeOf("unread.order.placed", 1)]);
  await admin.query("UPDATE events.log SET appended_at = now() - interval '2 days' WHERE topic IN ('erp.retained', 'erp.unread')");
  await admin.query(
    `INSERT INTO events.consumer_offsets (group_id, topic, committed_offset) VALUES ('fast', $1, 4), ('slow', $1, 2)`,
    [topic],
  );

  expect(await pruneLog(db.pool, 86_400_000)).toBe(2);
  const left = await admin.query(`SELECT topic, "offset" FROM events.log WHERE topic IN ('erp.retained', 'erp.unread') ORDER BY 1, 2`);
  expect(left.rows.map((r) => `${r.topic}:${r.offset}`)).toEqual(["erp.retained:3", "erp.retained:4", "erp.unread:1"]);

  // Younger than the retention period: kept even though every group is past it.
  await admin.query("UPDATE events.consumer_offsets SET committed_offset = 4 WHERE topic = $1", [topic]);
  await admin.query("UPDATE events.log SET appended_at = now() WHERE topic = $1 AND \"offset\" = 4", [topic]);
  expect(await pruneLog(db.pool, 86_400_000)).toBe(1);
});
