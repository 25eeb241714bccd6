/**
 * End-to-end checks with the real kafkajs 2.2.4 client against the test broker.
 */
import { CompressionTypes, type Consumer, type EachMessagePayload } from "kafkajs";
import { startKafkaTestBroker, type KafkaTestBroker } from "../src";
import { waitFor } from "@erp/testkit";
import { disconnectAll, fastGroup, kafkaFor, uniq } from "./helpers";

jest.setTimeout(30_000);

let broker: KafkaTestBroker;
beforeAll(async () => {
  broker = await startKafkaTestBroker({ port: 0 });
});
afterAll(async () => {
  await broker.close();
});

interface Seen {
  partition: number;
  offset: string;
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
}
const toSeen = ({ partition, message }: EachMessagePayload): Seen => ({
  partition,
  offset: message.offset,
  key: message.key?.toString(),
  value: message.value?.toString(),
  headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
});

test("admin creates topics; producer (acks -1, keys, headers) → consumer reads back in order per partition", async () => {
  const kafka = kafkaFor(broker);
  const topic = uniq("orders");
  const admin = kafka.admin();
  await admin.connect();
  expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).toBe(true);
  expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).toBe(false); // already exists
  expect(await admin.listTopics()).toContain(topic);
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  expect(meta.topics[0]?.partitions).toHaveLength(3);

  const producer = kafka.producer();
  await producer.connect();
  const keys = ["tenant-a", "tenant-b", "tenant-c", "tenant-d"];
  const sent = Array.from({ length: 40 }, (_, i) => ({
    key: keys[i % keys.length] as string,
    value: `msg-${i}`,
    headers: { "x-seq": String(i), "x-tenant": keys[i % keys.length] as string },
  }));
  // Several sends so partitions hold multiple batches.
  for (let i = 0; i < sent.length; i += 10) {
    const res = await producer.send({ topic, acks: -1, messages: sent.slice(i, i + 10) });
    for (const r of res) expect(r.errorCode).toBe(0);
  }
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: uniq("g"), ...fastGroup });
  const seen: Seen[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async (p) => void seen.push(toSeen(p)) });
    await waitFor(() => seen.length >= sent.length, { timeoutMs: 15_000, what: "all messages" });
  } finally {
    await disconnectAll(consumer);
  }

  expect(seen).toHaveLength(sent.length);
  // Keyed partitioning: every message with one key lands in one partition…
  const partitionOfKey = new Map<string, number>();
  for (const m of seen) {
    const p = partitionOfKey.get(m.key as string);
    if (p === undefined) partitionOfKey.set(m.key as string, m.partition);
    else expect(m.partition).toBe(p);
  }
  // …and more than one partition is used.
  expect(new Set(partitionOfKey.values()).size).toBeGreaterThan(1);
  // Per partition: offsets 0..n-1 in order, and send order preserved.
  for (const part of [0, 1, 2]) {
    const inPart = seen.filter((m) => m.partition === part);
    expect(inPart.map((m) => Number(m.offset))).toEqual(inPart.map((_, i) => i));
    const seqs = inPart.map((m) => Number(m.headers["x-seq"]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  }
  // Payloads and headers survive intact.
  for (const m of seen) {
    const i = Number(m.headers["x-seq"]);
    expect(m.value).toBe(`msg-${i}`);
    expect(m.headers["x-tenant"]).toBe(m.key);
  }
  // Broker-side view agrees.
  const snap = broker.topics().find((t) => t.name === topic);
  expect(snap?.partitions.reduce((n, p) => n + p.highWatermark, 0)).toBe(40);
  await admin.disconnect();
});

test("gzip-compressed batches round-trip", async () => {
  const kafka = kafkaFor(broker);
  const topic = uniq("gz");
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic,
    acks: -1,
    compression: CompressionTypes.GZIP,
    messages: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: "x".repeat(100) + i, headers: { h: `v${i}` } })),
  });
  await producer.disconnect();
  const records = broker.topics().find((t) => t.name === topic)?.partitions[0]?.records ?? [];
  expect(records.map((r) => r.value?.toString())).toEqual(Array.from({ length: 20 }, (_, i) => "x".repeat(100) + i));
  expect(records[3]?.headers).toEqual([{ key: "h", value: Buffer.from("v3") }]);

  const consumer = kafka.consumer({ groupId: uniq("g"), ...fastGroup });
  const seen: Seen[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async (p) => void seen.push(toSeen(p)) });
    await waitFor(() => seen.length >= 20, { timeoutMs: 15_000, what: "gzip messages" });
  } finally {
    await disconnectAll(consumer);
  }
  expect(seen.map((m) => m.key)).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`));
});

test("two consumers in one group split partitions; the survivor takes over when one leaves", async () => {
  const kafka = kafkaFor(broker);
  const topic = uniq("split");
  const groupId = uniq("group");
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
  await admin.disconnect();

  const assignments = new Map<string, number[]>();
  const track = (name: string, c: Consumer) =>
    c.on(c.events.GROUP_JOIN, (e) => assignments.set(name, [...(e.payload.memberAssignment[topic] ?? [])].sort()));
  const received = { a: [] as Seen[], b: [] as Seen[] };

  const a = kafka.consumer({ groupId, ...fastGroup });
  const b = kafka.consumer({ groupId, ...fastGroup });
  try {
    track("a", a);
    track("b", b);
    await a.connect();
    await a.subscribe({ topic, fromBeginning: true });
    await a.run({ eachMessage: async (p) => void received.a.push(toSeen(p)) });
    await waitFor(() => assignments.get("a")?.length === 4, { timeoutMs: 15_000, what: "a owns all partitions" });

    await b.connect();
    await b.subscribe({ topic, fromBeginning: true });
    await b.run({ eachMessage: async (p) => void received.b.push(toSeen(p)) });
    await waitFor(
      () => assignments.get("a")?.length === 2 && assignments.get("b")?.length === 2,
      { timeoutMs: 15_000, what: "partitions split 2/2" },
    );
    expect([...(assignments.get("a") ?? []), ...(assignments.get("b") ?? [])].sort()).toEqual([0, 1, 2, 3]);

    // Messages to every partition reach the owning consumer.
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [0, 1, 2, 3].map((partition) => ({ partition, key: `p${partition}`, value: `v${partition}` })),
    });
    await waitFor(() => received.a.length + received.b.length >= 4, { timeoutMs: 15_000, what: "split delivery" });
    expect(received.a.map((m) => m.partition).sort()).toEqual(assignments.get("a"));
    expect(received.b.map((m) => m.partition).sort()).toEqual(assignments.get("b"));

    // b leaves (LeaveGroup) → rebalance → a owns everything again and keeps consuming.
    await b.disconnect();
    await waitFor(() => assignments.get("a")?.length === 4, { timeoutMs: 15_000, what: "a takes over after b leaves" });
    await producer.send({ topic, acks: -1, messages: [{ partition: 3, value: "after-leave" }, { partition: 0, value: "after-leave" }] });
    await waitFor(() => received.a.filter((m) => m.value === "after-leave").length === 2, { timeoutMs: 15_000, what: "post-rebalance delivery" });
    await producer.disconnect();
    const group = broker.groups().find((g) => g.groupId === groupId);
    expect(group?.state).toBe("Stable");
    expect(group?.members).toHaveLength(1);
  } finally {
    await disconnectAll(a, b);
  }
});

test("committed offsets survive a consumer restart", async () => {
  const kafka = kafkaFor(broker);
  const topic = uniq("resume");
  const groupId = uniq("group");
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [1, 2, 3, 4, 5].map((i) => ({ value: `first-${i}` })) });

  const run = async (expected: number): Promise<string[]> => {
    const c = kafka.consumer({ groupId, ...fastGroup });
    const values: string[] = [];
    try {
      await c.connect();
      await c.subscribe({ topic, fromBeginning: true });
      await c.run({ eachMessage: async ({ message }) => void values.push(String(message.value)) });
      await waitFor(() => values.length >= expected, { timeoutMs: 15_000, what: `${expected} messages` });
      // Auto-commit happens after the batch is processed; wait until the broker has it.
      await waitFor(
        () => broker.groups().find((g) => g.groupId === groupId)?.offsets.find((o) => o.topic === topic)?.offset === 5 + (expected === 3 ? 3 : 0),
        { timeoutMs: 15_000, what: "commit" },
      );
    } finally {
      await disconnectAll(c);
    }
    return values;
  };

  expect(await run(5)).toEqual([1, 2, 3, 4, 5].map((i) => `first-${i}`));
  await producer.send({ topic, acks: -1, messages: [1, 2, 3].map((i) => ({ value: `second-${i}` })) });
  // fromBeginning only applies without a committed offset; the restart resumes at offset 5.
  expect(await run(3)).toEqual([1, 2, 3].map((i) => `second-${i}`));
  await producer.disconnect();

  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
  expect(offsets[0]?.partitions).toEqual([{ partition: 0, offset: "8", metadata: null }]);
  await admin.disconnect();
});

test("long-poll fetch answers promptly when a message arrives, without busy looping", async () => {
  const kafka = kafkaFor(broker);
  const topic = uniq("longpoll");
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [{ value: "warmup" }] });

  const consumer = kafka.consumer({ groupId: uniq("g"), ...fastGroup, maxWaitTimeInMs: 10_000 });
  const arrivals: { value: string; at: number }[] = [];
  let fetches = 0;
  consumer.on(consumer.events.FETCH, () => fetches++);
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void arrivals.push({ value: String(message.value), at: Date.now() }) });
    await waitFor(() => arrivals.length === 1, { timeoutMs: 15_000, what: "warmup" });
    // Idle period: with max_wait 10s the consumer should be parked in one Fetch, not spinning.
    await new Promise((r) => setTimeout(r, 1500));
    const idleFetches = fetches;
    await new Promise((r) => setTimeout(r, 1500));
    expect(fetches - idleFetches).toBeLessThanOrEqual(1);

    const sentAt = Date.now();
    await producer.send({ topic, acks: -1, messages: [{ value: "ping" }] });
    await waitFor(() => arrivals.length === 2, { timeoutMs: 5_000, what: "ping" });
    const latency = (arrivals[1]?.at ?? Infinity) - sentAt;
    expect(latency).toBeLessThan(1000); // far below the 10s max wait
  } finally {
    await disconnectAll(consumer);
    await producer.disconnect();
  }
});

test("auto-created topics and deleteTopics via admin", async () => {
  const kafka = kafkaFor(broker);
  const topic = uniq("auto");
  const producer = kafka.producer();
  await producer.connect();
  const [res] = await producer.send({ topic, acks: 1, messages: [{ value: "x" }] });
  expect(res?.baseOffset).toBe("0");
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  expect(await admin.fetchTopicOffsets(topic)).toEqual([{ partition: 0, offset: "1", high: "1", low: "0" }]);
  await admin.deleteTopics({ topics: [topic] });
  expect(await admin.listTopics()).not.toContain(topic);
  await admin.disconnect();
});

test("admin group APIs: describeGroups, listGroups, setOffsets on an empty group", async () => {
  const kafka = kafkaFor(broker);
  const topic = uniq("admin");
  const groupId = uniq("group");
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: Array.from({ length: 6 }, (_, i) => ({ value: `m${i}` })) });
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  const values: string[] = [];
  const run = async (expected: number) => {
    const c = kafka.consumer({ groupId, ...fastGroup });
    try {
      await c.connect();
      await c.subscribe({ topic, fromBeginning: true });
      await c.run({ eachMessage: async ({ message }) => void values.push(String(message.value)) });
      await waitFor(() => values.length >= expected, { timeoutMs: 15_000, what: `${expected} values` });
      const { groups } = await admin.describeGroups([groupId]);
      expect(groups[0]).toMatchObject({ groupId, state: "Stable", protocolType: "consumer", protocol: "RoundRobinAssigner" });
      expect(groups[0]?.members).toHaveLength(1);
      expect((await admin.listGroups()).groups).toContainEqual({ groupId, protocolType: "consumer" });
    } finally {
      await disconnectAll(c);
    }
  };
  try {
    await run(6);
    expect((await admin.describeGroups([groupId])).groups[0]?.state).toBe("Empty");
    // Rewind the (now empty) group to offset 4: a simple commit with generation -1.
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "4" }] });
    values.length = 0;
    await run(2);
    expect(values).toEqual(["m4", "m5"]);
  } finally {
    await admin.disconnect();
  }
});
