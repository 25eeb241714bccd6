/**
 * subscribeBroadcast on both transports: every instance gets every event published after it
 * started, nothing before, and it leaves no trace that holds anything back (no consumer group
 * offsets, no registration in the postgres log's retention).
 */
import type pg from "pg";
import { uuidv7 } from "@erp/db";
import { startKafkaTestBroker, type KafkaTestBroker } from "@erp/kafka-test-broker";
import { createTestDatabase, dropTestDatabases, waitFor } from "@erp/testkit";
import {
  createKafkaTransport,
  createPostgresTransport,
  pruneLog,
  subscribeBroadcast,
  type BroadcastSubscription,
  type EventEnvelope,
  type Transport,
} from "../src";
import { fastGroup } from "./kafka-timings";
import { openShop, type ShopDb } from "./shop";

const envelope = (type: string, position: number): EventEnvelope => ({
  id: uuidv7(),
  type,
  version: 1,
  organizationId: uuidv7(),
  aggregateId: `a-${position % 3}`,
  occurredAt: new Date().toISOString(),
  actor: { type: "service", id: "shop" },
  correlationId: "c-1",
  data: { position },
});

interface Instance {
  subscription: BroadcastSubscription;
  received: EventEnvelope[];
}

/** One running instance of a service: its own transport and its own broadcast subscription. */
async function startInstance(transport: Transport, topics: string[], handler?: (e: EventEnvelope) => void): Promise<Instance> {
  const received: EventEnvelope[] = [];
  const subscription = await subscribeBroadcast({
    transport,
    topics,
    handler: (e) => {
      handler?.(e);
      received.push(e);
    },
  });
  return { subscription, received };
}

const positions = (instance: Instance, type: string) =>
  instance.received.filter((e) => e.type === type).map((e) => e.data.position as number).sort((a, b) => a - b);

describe("postgres transport", () => {
  let db: ShopDb;
  let admin: pg.Pool;
  const transports: Transport[] = [];
  const open = () => {
    const transport = createPostgresTransport({ pool: db.pool, pollIntervalMs: 50, backoff: { initialMs: 5, maxMs: 50 } });
    transports.push(transport);
    return transport;
  };

  beforeAll(async () => {
    ({ db, admin } = await openShop(await createTestDatabase()));
  });

  afterAll(async () => {
    await Promise.all(transports.map((t) => t.close()));
    await db?.close();
    await admin?.end();
    await dropTestDatabases();
  });

  test("every instance gets each event published after it started, none before; nothing is registered", async () => {
    const type = "cast.order.placed";
    const publisher = open();
    await publisher.publish([envelope(type, 1), envelope(type, 2)]);
    const [a, b] = [await startInstance(open(), ["erp.cast"]), await startInstance(open(), ["erp.cast"])];

    await publisher.publish([3, 4, 5].map((p) => envelope(type, p)));
    await waitFor(() => a.received.length === 3 && b.received.length === 3, { what: "both instances to get the 3 new events" });
    expect(positions(a, type)).toEqual([3, 4, 5]);
    expect(positions(b, type)).toEqual([3, 4, 5]);

    // A topic that had no event at all when the instance started: everything on it is new.
    await publisher.publish([envelope("castnew.order.placed", 6)]);
    const c = await startInstance(open(), ["erp.castnew", "erp.cast"]);
    await publisher.publish([envelope("castnew.order.placed", 7), envelope(type, 8)]);
    await waitFor(() => c.received.length === 2, { what: "the third instance's 2 events" });
    expect(c.received.map((e) => e.data.position).sort()).toEqual([7, 8]);

    const registered = await admin.query("SELECT group_id FROM events.consumer_offsets");
    expect(registered.rows).toEqual([]);
    await Promise.all([a, b, c].map((i) => i.subscription.close()));
  });

  test("a broadcast holds back no retention: old events every group is past are pruned while it runs", async () => {
    const publisher = open();
    const running = await startInstance(open(), ["erp.castkept"]);
    await publisher.publish([1, 2].map((p) => envelope("castkept.order.placed", p)));
    await waitFor(() => running.received.length === 2, { what: "the broadcast's 2 events" });
    await admin.query("UPDATE events.log SET appended_at = now() - interval '2 days' WHERE topic = 'erp.castkept'");
    await admin.query("INSERT INTO events.consumer_offsets (group_id, topic, committed_offset) VALUES ('reader', 'erp.castkept', 2)");

    expect(await pruneLog(db.pool, 86_400_000)).toBe(2);
    await running.subscription.close();
  });

  test("a handler that throws skips that event only; values that are not envelopes are skipped and counted", async () => {
    const publisher = open();
    const instance = await startInstance(open(), ["erp.castfail"], (e) => {
      if (e.data.position === 2) throw new Error("cannot apply 2");
    });
    await publisher.publish([1, 2, 3].map((p) => envelope("castfail.order.placed", p)));
    // What an outside writer could leave in the log: an offset of its own, a value that is not an envelope.
    await admin.query(
      `WITH reserved AS (UPDATE events.topics SET next_offset = next_offset + 1 WHERE topic = 'erp.castfail' RETURNING next_offset - 1 AS "offset")
       INSERT INTO events.log (topic, "offset", event_id, key, envelope, headers)
       SELECT 'erp.castfail', "offset", $1, 'k', '{"not":"an envelope"}', '{}' FROM reserved`,
      [uuidv7()],
    );
    await publisher.publish([envelope("castfail.order.placed", 4)]);
    await waitFor(() => instance.received.length === 3, { what: "events 1, 3 and 4" });
    expect(positions(instance, "castfail.order.placed")).toEqual([1, 3, 4]);
    expect(instance.subscription.stats()).toEqual({ delivered: 4, malformed: 1, failed: 1 });
    await instance.subscription.close();
  });
});

describe("kafka transport", () => {
  let broker: KafkaTestBroker;
  const transports: Transport[] = [];
  const open = (clientId = "shop") => {
    const transport = createKafkaTransport({ brokers: broker.brokers, clientId, topicPartitions: 3, consumer: fastGroup });
    transports.push(transport);
    return transport;
  };

  beforeAll(async () => {
    broker = await startKafkaTestBroker();
  });

  afterAll(async () => {
    await Promise.all(transports.map((t) => t.close()));
    await broker?.close();
  });

  test("every instance gets each event published after it started, none before; no group commits an offset", async () => {
    const type = "kcast.order.placed";
    const publisher = open("publisher");
    await publisher.publish([1, 2, 3].map((p) => envelope(type, p)));
    const a = await startInstance(open("gateway"), ["erp.kcast"]);
    const b = await startInstance(open("gateway"), ["erp.kcast"]);

    await publisher.publish([4, 5, 6, 7].map((p) => envelope(type, p)));
    await waitFor(() => a.received.length === 4 && b.received.length === 4, { what: "both instances to get the 4 new events" });
    expect(positions(a, type)).toEqual([4, 5, 6, 7]);
    expect(positions(b, type)).toEqual([4, 5, 6, 7]);

    const groups = broker.groups().filter((g) => g.groupId.startsWith("gateway.broadcast."));
    expect(groups).toHaveLength(2);
    expect(groups.flatMap((g) => g.offsets)).toEqual([]);
    await Promise.all([a, b].map((i) => i.subscription.close()));
  });
});
