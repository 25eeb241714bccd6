/** What only the kafka transport does: record layout, topic creation, values from outside producers. */
import { Kafka, logLevel } from "kafkajs";
import { uuidv7, type TransactionClient } from "@erp/db";
import { startKafkaTestBroker, type KafkaTestBroker } from "@erp/kafka-test-broker";
import { createTestDatabase, dropTestDatabases, waitFor } from "@erp/testkit";
import type pg from "pg";
import { createKafkaTransport, eventHandler, subscribe, type EventEnvelope, type Transport } from "../src";
import { fastGroup } from "./kafka-timings";
import { openShop, orderPlaced, type OrderPlaced, type ShopDb } from "./shop";

let broker: KafkaTestBroker;
let transport: Transport;

beforeAll(async () => {
  broker = await startKafkaTestBroker();
  transport = createKafkaTransport({ brokers: broker.brokers, clientId: "shop", topicPartitions: 4, consumer: fastGroup });
});

afterAll(async () => {
  await transport?.close();
  await broker?.close();
});

const envelope = (aggregateId: string, position: number): EventEnvelope => ({
  id: uuidv7(),
  type: "layout.order.placed",
  version: 1,
  organizationId: uuidv7(),
  aggregateId,
  occurredAt: new Date().toISOString(),
  actor: { type: "user", id: "u-1" },
  correlationId: "req-1",
  data: { position },
});

const topic = (name: string) => broker.topics().find((t) => t.name === name);

test("a topic is created with the configured partitions; records are keyed by aggregate, with headers and the envelope as value", async () => {
  const sent = ["a-1", "a-2", "a-3", "a-4", "a-5", "a-6"].flatMap((aggregate) => [envelope(aggregate, 1), envelope(aggregate, 2)]);
  await transport.publish(sent);

  const partitions = topic("erp.layout")!.partitions;
  expect(partitions).toHaveLength(4);
  const records = partitions.flatMap((p) => p.records.map((record) => ({ partition: p.partition, record })));
  expect(records).toHaveLength(sent.length);
  expect(new Set(records.map((r) => r.partition)).size).toBeGreaterThan(1);

  const first = records.find((r) => JSON.parse(String(r.record.value)).id === sent[0]!.id)!;
  expect(String(first.record.key)).toBe("a-1");
  expect(JSON.parse(String(first.record.value))).toEqual(sent[0]);
  const headers = Object.fromEntries(first.record.headers.map((h) => [String(h.key), String(h.value)]));
  expect(headers).toEqual({ "event-type": "layout.order.placed", "event-version": "1", "organization-id": sent[0]!.organizationId, "correlation-id": "req-1" });

  // One aggregate, one partition, in publish order.
  for (const aggregate of ["a-1", "a-4"]) {
    const mine = records.filter((r) => String(r.record.key) === aggregate);
    expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
    expect(mine.map((r) => JSON.parse(String(r.record.value)).data.position)).toEqual([1, 2]);
  }
});

describe("values written by outside producers", () => {
  let db: ShopDb;
  let admin: pg.Pool;

  beforeAll(async () => {
    ({ db, admin } = await openShop(await createTestDatabase()));
  });

  afterAll(async () => {
    await db?.close();
    await admin?.end();
    await dropTestDatabases();
  });

  test("a value that is not an event envelope is skipped and counted, and the events after it flow", async () => {
    const placed: OrderPlaced = orderPlaced("outside");
    const subscription = await subscribe({
      transport,
      db,
      group: "outside-group",
      handlers: {
        [placed.type]: eventHandler<OrderPlaced["data"], TransactionClient<ShopDb["prisma"]>>(placed, async (e, tx) => {
          await tx.effect.create({ data: { organizationId: e.organizationId, eventId: e.id, aggregateId: e.aggregateId, position: e.data.position } });
        }),
      },
    });
    try {
      const producer = new Kafka({ clientId: "outsider", brokers: broker.brokers, logLevel: logLevel.NOTHING }).producer();
      await producer.connect();
      await producer.send({ topic: "erp.outside", messages: [{ key: "x", value: "not json" }, { key: "x", value: '{"id":"nope"}' }] });
      await producer.disconnect();
      const good = { ...envelope("x", 7), type: placed.type };
      await transport.publish([good]);

      await waitFor(async () => (await admin.query("SELECT 1 FROM shop.effects WHERE event_id = $1", [good.id])).rowCount === 1, { what: "the good event" });
      expect(subscription.stats()).toMatchObject({ handled: 1, skipped: { malformed: 2, unknownType: 0, unsupportedVersion: 0 } });
    } finally {
      await subscription.close();
    }
  });
});
