/**
 * A service's events over Kafka from its first start: every catalog domain's topic exists before
 * any event, and brokers that are down at start neither stop the service nor lose its events.
 */
import { createServer } from "node:net";
import type pg from "pg";
import { z } from "zod";
import { uuidv7, type TransactionClient } from "@erp/db";
import { startKafkaTestBroker, type KafkaTestBroker } from "@erp/kafka-test-broker";
import { createTestDatabase, dropTestDatabases, waitFor } from "@erp/testkit";
import { parseConfig } from "@erp/config";
import { catalogTopics, defineEvent, eventHandler, eventsConfigSchema, startServiceEvents, subscribe, type EventsLogger, type ServiceEvents } from "../src";
import { fastGroup } from "./kafka-timings";
import { SHOP_SCHEMA, openShop, orderPlaced, placeOrder, type OrderPlaced, type ShopDb } from "./shop";

type Tx = TransactionClient<ShopDb["prisma"]>;

// Two domains of this process's catalog that no test ever publishes to.
defineEvent("warehouse.bin.counted", 1, z.object({ bin: z.string() }));
defineEvent("ledger.entry.posted", 1, z.object({ amount: z.string() }));

interface LogLine {
  level: "info" | "warn" | "error";
  message: string;
  meta?: Record<string, unknown>;
}

function capturingLogger(): EventsLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const record = (level: LogLine["level"]) => (message: string, meta?: Record<string, unknown>) => lines.push({ level, message, meta });
  return { lines, info: record("info"), warn: record("warn"), error: record("error") };
}

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Short timings so the test sees retries and recovery in seconds. */
const tuning = {
  relayBackoff: { initialMs: 50, maxMs: 500 },
  outageLogWindowMs: 60_000,
  kafka: {
    consumer: fastGroup,
    retry: { initialRetryTime: 50, retries: 1 },
    reconnectBackoff: { initialMs: 50, maxMs: 500 },
    firstAttemptWaitMs: 1000,
  },
};

let db: ShopDb;
let admin: pg.Pool;
let url: string;
let broker: KafkaTestBroker | undefined;
const closing: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  url = await createTestDatabase();
  ({ db, admin } = await openShop(url));
});

afterEach(async () => {
  for (const thing of closing.splice(0).reverse()) await thing.close();
  await broker?.close();
  broker = undefined;
});

afterAll(async () => {
  await db?.close();
  await admin?.end();
  await dropTestDatabases();
});

const startEvents = async (port: number, logger: EventsLogger): Promise<ServiceEvents> => {
  const events = await startServiceEvents({
    config: parseConfig(eventsConfigSchema, { KAFKA_BROKERS: `127.0.0.1:${port}`, EVENTS_POLL_INTERVAL_MS: "50" }),
    service: "shop",
    schema: SHOP_SCHEMA,
    connectionString: url,
    pool: db.pool,
    tuning,
    logger,
  });
  closing.push(events);
  return events;
};

test("every domain of the catalog has its topic as soon as the service started, before any event", async () => {
  broker = await startKafkaTestBroker({ autoCreateTopics: false });
  const port = Number(broker.brokers[0]!.split(":")[1]);
  const events = await startEvents(port, capturingLogger());

  const expected = catalogTopics();
  expect(expected).toEqual(expect.arrayContaining(["erp.ledger", "erp.warehouse"]));
  await waitFor(() => expected.every((topic) => broker!.topics().some((t) => t.name === topic)), { what: "every catalog topic" });
  expect(broker.topics().find((t) => t.name === "erp.ledger")?.partitions.every((p) => p.records.length === 0)).toBe(true);
  await waitFor(() => events.ready().then(() => true, () => false), { what: "ready" });
});

test("brokers down at start: the service starts, reports it, keeps its outbox, and delivers once they are back", async () => {
  const port = await freePort();
  const logger = capturingLogger();
  const placed: OrderPlaced = orderPlaced("outage");
  const org = uuidv7();

  // Starting neither throws nor hangs while nothing listens on the brokers' port.
  const events = await startEvents(port, logger);
  const subscription = await subscribe({
    transport: events.transport,
    db,
    group: "outage-group",
    handlers: {
      [placed.type]: eventHandler<OrderPlaced["data"], Tx>(placed, async (e, tx) => {
        await tx.effect.create({ data: { organizationId: e.organizationId, eventId: e.id, aggregateId: e.aggregateId, position: e.data.position } });
      }),
    },
    logger,
  });
  closing.push(subscription);
  await expect(events.ready()).rejects.toThrow(new RegExp(`kafka brokers 127\\.0\\.0\\.1:${port} unreachable`));

  const eventId = await placeOrder(db, placed, org, uuidv7(), 1);
  await waitFor(() => events.relay.failure() !== undefined, { what: "the relay to fail to publish" });
  const waiting = await admin.query("SELECT published_at FROM shop.outbox WHERE id = $1", [eventId]);
  expect(waiting.rows).toEqual([{ published_at: null }]);

  broker = await startKafkaTestBroker({ port });
  const deadline = 20_000;
  await waitFor(async () => (await admin.query("SELECT 1 FROM shop.effects WHERE event_id = $1", [eventId])).rowCount === 1, { what: "the event to be handled", timeoutMs: deadline });
  await waitFor(async () => (await admin.query("SELECT 1 FROM shop.outbox WHERE id = $1 AND published_at IS NOT NULL", [eventId])).rowCount === 1, { what: "the row marked published", timeoutMs: deadline });
  await waitFor(() => events.ready().then(() => true, () => false), { what: "ready", timeoutMs: deadline });
  expect(broker.topics().map((t) => t.name)).toEqual(expect.arrayContaining(catalogTopics()));

  // The outage was told in a few lines, none with a stack trace, and no partitioner warning.
  const warnings = logger.lines.filter((line) => line.level !== "info");
  expect(warnings.length).toBeGreaterThan(0);
  expect(warnings.length).toBeLessThanOrEqual(4);
  for (const line of logger.lines) {
    expect(JSON.stringify(line)).not.toMatch(/\n\s+at |"stack"|partitioner/i);
  }
  expect(logger.lines.map((line) => line.message)).toEqual(
    expect.arrayContaining(["kafka brokers unreachable; retrying", "outbox relay cannot publish; the events wait in the outbox, retrying with backoff", "outbox relay publishing again"]),
  );
});
