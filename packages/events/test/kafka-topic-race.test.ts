/**
 * A fresh broker and every service starting at once (QA): each creates the catalog's topics, all
 * but one find them taken. That race is the normal first start, not an error: no line at error or
 * warning level (kafkajs's own "Response CreateTopics ... Topic creation errors" included), every
 * transport ready, the topics made once with the configured partitions and usable at once.
 */
import { startKafkaTestBroker, type KafkaTestBroker } from "@erp/kafka-test-broker";
import { waitFor } from "@erp/testkit";
import { createKafkaTransport, type EventsLogger, type Transport } from "../src";

interface LogLine {
  level: "info" | "warn" | "error";
  message: string;
  meta?: Record<string, unknown>;
}

function capturingLogger(lines: LogLine[]): EventsLogger {
  const record = (level: LogLine["level"]) => (message: string, meta?: Record<string, unknown>) => lines.push({ level, message, meta });
  return { info: record("info"), warn: record("warn"), error: record("error") };
}

const TOPICS = ["erp.tenant", "erp.user", "erp.auth", "erp.master_data", "erp.inventory", "erp.finance", "erp.crm"];
const SERVICES = ["tenant", "auth", "user", "master-data", "finance", "crm"];

let broker: KafkaTestBroker;
const transports: Transport[] = [];
const brokerLog: string[] = [];

beforeEach(async () => {
  brokerLog.length = 0;
  // Every request the broker handled (debug lines name the API and the client).
  broker = await startKafkaTestBroker({ autoCreateTopics: false, log: (level, message) => brokerLog.push(`${level} ${message}`) });
});

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  await broker.close();
});

function start(clientId: string, lines: LogLine[], topics = TOPICS): Transport {
  const transport = createKafkaTransport({
    brokers: broker.brokers,
    clientId,
    topics,
    topicPartitions: 3,
    retry: { initialRetryTime: 50, retries: 2 },
    reconnectBackoff: { initialMs: 50, maxMs: 500 },
    logger: capturingLogger(lines),
  });
  transports.push(transport);
  return transport;
}

const ready = (transport: Transport) => transport.ready().then(() => true, () => false);
const loud = (lines: LogLine[]) => lines.filter((line) => line.level !== "info");

test("services starting at once on a fresh broker create the topics once and log no error", async () => {
  const lines: LogLine[] = [];
  const started = SERVICES.map((service) => start(service, lines));
  for (const transport of started) await waitFor(() => ready(transport), { what: "every transport ready", timeoutMs: 10_000 });

  expect(loud(lines)).toEqual([]);
  // The race happened: several services asked to create the topics, one made them.
  const creators = new Set(brokerLog.filter((line) => line.includes(": CreateTopics v")).map((line) => /client (\S+)/.exec(line)?.[1]));
  expect(creators.size).toBeGreaterThan(1);
  expect(brokerLog.filter((line) => line.startsWith("warn"))).toEqual([]);
  expect(broker.topics().map((topic) => topic.name).sort()).toEqual([...TOPICS].sort());
  expect(broker.topics().every((topic) => topic.partitions.length === 3)).toBe(true);
  // A topic another service created is usable right away by every one of them.
  await Promise.all(started.map((transport, index) => transport.publish([envelope(`order-${index}`)])));
  expect(broker.topics().find((topic) => topic.name === "erp.tenant")?.partitions.flatMap((p) => p.records)).toHaveLength(SERVICES.length);
  expect(loud(lines)).toEqual([]);
});

test("a start where some topics exist and some do not creates the rest quietly", async () => {
  const lines: LogLine[] = [];
  const first = start("first", lines, TOPICS.slice(0, 3));
  await waitFor(() => ready(first), { what: "the first transport ready" });
  const [a, b] = [start("second", lines), start("third", lines)];
  await waitFor(async () => (await ready(a)) && (await ready(b)), { what: "both later transports ready" });
  await a.publish([envelope("late", "erp.crm")]);
  expect(broker.topics().map((topic) => topic.name).sort()).toEqual([...TOPICS].sort());
  expect(loud(lines)).toEqual([]);
});

test("a real refusal to create a topic is still reported", async () => {
  const lines: LogLine[] = [];
  const transport = createKafkaTransport({
    brokers: broker.brokers,
    clientId: "misconfigured",
    topics: ["erp.tenant"],
    // One broker: a replication factor of 3 cannot be met.
    replicationFactor: 3,
    retry: { initialRetryTime: 50, retries: 0 },
    reconnectBackoff: { initialMs: 50, maxMs: 200 },
    firstAttemptWaitMs: 1000,
    logger: capturingLogger(lines),
  });
  transports.push(transport);
  await waitFor(() => lines.some((line) => line.level !== "info" && JSON.stringify(line).includes("INVALID_REPLICATION_FACTOR")), {
    what: "the refusal in the log",
    timeoutMs: 5_000,
  });
  await expect(transport.ready()).rejects.toThrow(/INVALID_REPLICATION_FACTOR/);
});

function envelope(aggregateId: string, topic = "erp.tenant") {
  const type = `${topic.slice("erp.".length)}.thing.happened`;
  return {
    id: "0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a6b",
    type,
    version: 1,
    organizationId: "0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a6c",
    aggregateId,
    occurredAt: new Date().toISOString(),
    actor: { type: "service" as const, id: "test" },
    correlationId: "c",
    data: {},
  };
}
