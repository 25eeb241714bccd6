import { randomUUID } from "node:crypto";
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer as KafkaConsumer,
  type LogEntry,
  type Producer,
  type RetryOptions,
} from "kafkajs";
import { backoffDelay, defaultBackoff, type BackoffOptions } from "../backoff";
import { errorMessage, silentLogger, type EventsLogger } from "../logger";
import { OutageLog } from "../outage-log";
import { eventHeaders, groupByTopic } from "../topics";
import type { BroadcastOptions, Consumer, ConsumeOptions, DeliveryMeta, Transport } from "../transport";
import { WakeSignal } from "../wake-signal";

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /**
   * Topics created as soon as the transport starts, before any event is published or consumed
   * (every domain of the event catalog, so a consumer started first finds them). While the
   * brokers are unreachable this is retried in the background; `ready()` rejects until done.
   */
  topics?: string[];
  /** Partitions of topics this transport creates (default 3). Existing topics are left alone. */
  topicPartitions?: number;
  /** Replication factor of topics this transport creates (default 1; 3 on a real cluster). */
  replicationFactor?: number;
  /** `retention.ms` of topics this transport creates (default: the broker's). */
  retentionMs?: number;
  /** Partitions a consumer handles at the same time (default 4); one partition's events never overlap. */
  concurrency?: number;
  /** Consumer group timings; the defaults are kafkajs's. Tests shorten them. */
  consumer?: { sessionTimeout?: number; rebalanceTimeout?: number; heartbeatInterval?: number; maxWaitTimeInMs?: number };
  /** Between retries of an event whose handling failed (default 200 ms doubling to 30 s). */
  backoff?: BackoffOptions;
  /** Between attempts to reach the brokers at start and to (re)start consumers (default 500 ms doubling to 30 s). */
  reconnectBackoff?: BackoffOptions;
  /**
   * kafkajs's retries of one request before it fails to the caller (default 3 retries from
   * 300 ms, about 2 s: the relay and the consumers retry on their own with backoff, so a short
   * inner retry keeps start, readiness and shutdown quick while the brokers are down).
   */
  retry?: RetryOptions;
  /** While the brokers are unreachable, at most one warning line per this many ms (default 30 s). */
  outageLogWindowMs?: number;
  /**
   * How long `consume()` and `broadcast()` wait for their first attempt before resolving anyway
   * with the attempts going on in the background (default 5 s): a service starts while the
   * brokers are down instead of waiting out kafkajs's retries.
   */
  firstAttemptWaitMs?: number;
  logger?: EventsLogger;
}

const READY_CACHE_MS = 1000;
const READY_TIMEOUT_MS = 2500;
const defaultReconnectBackoff: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

/**
 * What kafkajs logs while brokers are unreachable, once per connection attempt and broker (about
 * thirty lines with stack traces in a few seconds): these go to the outage log, one line per window.
 */
const CONNECTIVITY =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|Connection error|Connection timeout|Closed connection|connection closed|Failed to connect|Restarting the consumer|NumberOfRetriesExceeded|KafkaJSConnection|not connected|no leader|coordinator is not available/i;

/**
 * kafkajs is unmaintained since 2023, so it stays inside this file: everything above talks to
 * the Transport interface, and another client can replace this one.
 *
 * Nothing here throws a service down when the brokers are unreachable: the start (topics) and
 * every consumer keep trying in the background with backoff, publish rejects so the relay
 * retries (the outbox keeps the events meanwhile), and `ready()` says what is wrong.
 */
export function createKafkaTransport(options: KafkaTransportOptions): Transport {
  const logger = options.logger ?? silentLogger;
  const backoff = options.backoff ?? defaultBackoff;
  const reconnectBackoff = options.reconnectBackoff ?? defaultReconnectBackoff;
  const brokerList = options.brokers.join(",");
  const outage = new OutageLog(logger, options.outageLogWindowMs);
  const unreachable = (error: string) => outage.failure("kafka brokers unreachable; retrying", error, { brokers: brokerList });

  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    retry: options.retry ?? { initialRetryTime: 300, retries: 3 },
    logCreator: () => (entry: LogEntry) => {
      // Never a stack trace in the log: the message says what happened.
      const { message, stack: _stack, error, ...meta } = entry.log as LogEntry["log"] & { stack?: unknown; error?: unknown };
      const text = `${message} ${typeof error === "string" ? error : ""}`;
      if (CONNECTIVITY.test(text)) return unreachable(`${message}`);
      // A CreateTopics answer with a topic error: createTopics below decides what it means (another
      // service created the topic first: success; anything else: thrown with the topic and reason).
      if (message.startsWith("Response CreateTopics")) return;
      const log = entry.level <= logLevel.ERROR ? logger.error : logger.warn;
      log.call(logger, `kafka: ${message}`, { namespace: entry.namespace, ...(error === undefined ? {} : { error }), ...meta });
    },
  });
  // One request in flight: a retried send can then never overtake the send after it. The
  // partitioner is named (kafkajs warns at every start otherwise): the Java client's murmur2, so
  // an aggregate's key lands on the partition other Kafka clients would pick too.
  const producer: Producer = kafka.producer({
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const admin: Admin = kafka.admin();
  // Readiness asks the cluster once, without kafkajs's retries, so a probe answers in time.
  const probeAdmin: Admin = kafka.admin({ retry: { retries: 0 } });
  const consumers = new Set<Consumer>();
  const knownTopics = new Set<string>();
  const closing = new WakeSignal();
  let closed = false;
  let connecting: Promise<void> | undefined;

  const connect = () => {
    connecting ??= Promise.all([producer.connect(), admin.connect()]).then(
      () => undefined,
      (err: unknown) => {
        connecting = undefined;
        throw err;
      },
    );
    return connecting;
  };

  /** Topics being created now: a second caller waits for them rather than asking again. */
  const creating = new Map<string, Promise<void>>();

  /** Creates missing topics with the configured partitions (a topic that exists is kept as is). */
  const ensureTopics = async (topics: string[]) => {
    const unknown = [...new Set(topics)].filter((topic) => !knownTopics.has(topic));
    const missing = unknown.filter((topic) => !creating.has(topic));
    const inFlight = unknown.filter((topic) => creating.has(topic)).map((topic) => creating.get(topic));
    const created = missing.length === 0 ? Promise.resolve() : createTopics(missing);
    for (const topic of missing) creating.set(topic, created);
    try {
      await Promise.all([created, ...inFlight]);
    } finally {
      for (const topic of missing) if (creating.get(topic) === created) creating.delete(topic);
    }
  };

  /**
   * Creates the topics the cluster lacks. Every service starting on a fresh cluster asks for the
   * same topics at once, so all but one find some already made (TOPIC_ALREADY_EXISTS): that is
   * the normal first start and counts as success; the topics are then awaited until they have
   * leaders, as the creator awaits them. Any other refusal is thrown naming each topic and reason.
   */
  const createTopics = async (missing: string[]) => {
    await connect();
    // Only what the cluster lacks: on every later start there is nothing to create.
    const existing = new Set(await admin.listTopics());
    const absent = missing.filter((topic) => !existing.has(topic));
    if (absent.length > 0) {
      let createdAll: boolean;
      try {
        createdAll = await admin.createTopics({
          waitForLeaders: true,
          topics: absent.map((topic) => ({
            topic,
            numPartitions: options.topicPartitions ?? 3,
            replicationFactor: options.replicationFactor ?? 1,
            ...(options.retentionMs === undefined ? {} : { configEntries: [{ name: "retention.ms", value: String(options.retentionMs) }] }),
          })),
        });
      } catch (err) {
        throw topicCreationError(err);
      }
      // false: kafkajs saw only TOPIC_ALREADY_EXISTS (another service won the race for some or all
      // of them) and returned without waiting for the leaders of any.
      if (!createdAll) await awaitLeaders(absent);
    }
    for (const topic of missing) knownTopics.add(topic);
  };

  /** Waits (about 5 s at most) until every partition of `topics` has a leader; then publishing and fetching can start. */
  const awaitLeaders = async (topics: string[]) => {
    for (let attempt = 1; attempt <= 50 && !closed; attempt++) {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      const led = found.length === topics.length && found.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0));
      if (led) return;
      await closing.wait(100);
    }
  };

  /**
   * Runs `attempt` until it succeeds or the transport closes, backing off between attempts and
   * logging the outage once per window. Resolves after the first attempt either way, or after
   * `firstAttemptWaitMs` (`started` says whether it worked); the retries go on in the background.
   */
  const keepTrying = async (
    what: string,
    attempt: () => Promise<void>,
    { cleanup = async () => undefined, stopped = () => closed, wake = closing }: { cleanup?: () => Promise<void>; stopped?: () => boolean; wake?: WakeSignal } = {},
  ) => {
    let resolveFirst!: (started: boolean) => void;
    const first = new Promise<boolean>((resolve) => (resolveFirst = resolve));
    const loop = (async () => {
      for (let failures = 1; !stopped(); failures++) {
        try {
          await attempt();
          outage.recovered("kafka brokers reachable again", { brokers: brokerList });
          resolveFirst(true);
          return;
        } catch (err) {
          await cleanup().catch(() => undefined);
          if (stopped()) break;
          unreachable(`${what}: ${errorMessage(err)}`);
          resolveFirst(false);
          await wake.wait(backoffDelay(failures, reconnectBackoff));
        }
      }
      resolveFirst(false);
    })();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), options.firstAttemptWaitMs ?? 5000);
    });
    const started = await Promise.race([first, waited]);
    clearTimeout(timer);
    return { started, done: loop };
  };

  // The start: brokers reached and every domain's topic created, in the background.
  let startError: string | undefined = "connecting";
  const starting = keepTrying("creating the topics", async () => {
    try {
      await ensureTopics(options.topics ?? []);
      startError = undefined;
    } catch (err) {
      startError = errorMessage(err);
      throw err;
    }
  });

  let probe: { at: number; result: Promise<void> } | undefined;
  const probeCluster = async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([probeAdmin.connect().then(() => probeAdmin.describeCluster()), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  /** Delivers until closed; a failed handling is retried (with backoff) and holds its partition. */
  const handleMessage = async (group: string, meta: DeliveryMeta, value: unknown, onEvent: ConsumeOptions["onEvent"], heartbeat: () => Promise<void>, isClosed: () => boolean, wait: WakeSignal) => {
    for (let attempt = 1; ; attempt++) {
      if (isClosed()) throw new Error("consumer closed");
      try {
        await onEvent(value, meta);
        return;
      } catch (err) {
        if (isClosed()) throw err;
        logger.warn("event handling failed; retrying", { group, ...meta, attempt, error: errorMessage(err) });
        await wait.wait(backoffDelay(attempt, backoff));
        await heartbeat();
      }
    }
  };

  /**
   * A kafkajs consumer kept running: (re)created until it runs, and again if it crashes in a way
   * kafkajs does not restart from by itself. `setup` subscribes and runs it.
   */
  const supervise = async (groupId: string, what: string, setup: (consumer: KafkaConsumer) => Promise<void>): Promise<Consumer> => {
    const stopping = new WakeSignal();
    let stopped = false;
    let current: KafkaConsumer | undefined;
    let running: Promise<unknown> = Promise.resolve();

    const start = async () => {
      const { done } = await keepTrying(
        what,
        async () => {
          const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, ...options.consumer });
          current = consumer;
          consumer.on(consumer.events.CRASH, ({ payload }) => {
            // Retriable crashes (brokers gone) are restarted by kafkajs itself.
            if (payload.restart || stopped || closed || current !== consumer) return;
            unreachable(`${what}: ${errorMessage(payload.error)}`);
            current = undefined;
            running = start();
          });
          await consumer.connect();
          await setup(consumer);
        },
        {
          async cleanup() {
            await current?.disconnect().catch(() => undefined);
            current = undefined;
          },
          stopped: () => stopped || closed,
          wake: stopping,
        },
      );
      running = done;
    };

    await start();
    const handle: Consumer = {
      async close() {
        stopped = true;
        stopping.wake();
        consumers.delete(handle);
        await current?.disconnect().catch(() => undefined);
        await running;
        await current?.disconnect().catch(() => undefined);
      },
    };
    consumers.add(handle);
    return handle;
  };

  const consume = ({ group, topics, onEvent }: ConsumeOptions): Promise<Consumer> => {
    let stoppedGroup = false;
    const waiting = new WakeSignal();
    const consumer = supervise(group, `consumer group ${group}`, async (kafkaConsumer) => {
      await ensureTopics(topics);
      await kafkaConsumer.subscribe({ topics, fromBeginning: true });
      await kafkaConsumer.run({
        // Offsets are committed by hand, one event at a time, only after it was handled.
        autoCommit: false,
        partitionsConsumedConcurrently: options.concurrency ?? 4,
        eachMessage: async ({ topic, partition, message, heartbeat }) => {
          const meta: DeliveryMeta = { topic, partition, offset: message.offset };
          await handleMessage(group, meta, decode(message.value), onEvent, heartbeat, () => stoppedGroup || closed, waiting);
          await kafkaConsumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        },
      });
    });
    return consumer.then((handle) => ({
      async close() {
        stoppedGroup = true;
        waiting.wake();
        await handle.close();
      },
    }));
  };

  /**
   * A group of its own (unique id), positioned at each partition's end when it starts, that
   * never commits: after a restart of the kafkajs consumer (brokers back) it seeks to where it
   * was, from memory. Its group holds no offsets, so the broker forgets it once it leaves.
   */
  const broadcast = ({ topics, onEvent }: BroadcastOptions): Promise<Consumer> => {
    const groupId = `${options.clientId}.broadcast.${randomUUID()}`;
    /** `topic:partition` → the next offset to deliver. */
    const positions = new Map<string, string>();
    let positioned = false;
    return supervise(groupId, "event broadcast", async (consumer) => {
      await ensureTopics(topics);
      if (!positioned) {
        for (const topic of new Set(topics)) {
          for (const { partition, high } of await admin.fetchTopicOffsets(topic)) positions.set(`${topic}:${partition}`, high);
        }
        positioned = true;
      }
      // Before the first fetch of every (re)join: from the start position or the last one delivered.
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
          for (const partition of partitions) consumer.seek({ topic, partition, offset: positions.get(`${topic}:${partition}`) ?? "0" });
        }
      });
      await consumer.subscribe({ topics: [...new Set(topics)], fromBeginning: false });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          positions.set(`${topic}:${partition}`, (BigInt(message.offset) + 1n).toString());
          await onEvent(decode(message.value), { topic, partition, offset: message.offset }).catch((err: unknown) =>
            logger.warn("broadcast handler failed; event skipped", { topic, partition, offset: message.offset, error: errorMessage(err) }),
          );
        },
      });
    });
  };

  return {
    name: "kafka",
    async publish(envelopes) {
      if (envelopes.length === 0) return;
      const byTopic = groupByTopic(envelopes);
      await ensureTopics(byTopic.map(([topic]) => topic));
      await producer.sendBatch({
        acks: -1,
        topicMessages: byTopic.map(([topic, list]) => ({
          topic,
          messages: list.map((envelope) => ({ key: envelope.aggregateId, value: JSON.stringify(envelope), headers: eventHeaders(envelope) })),
        })),
      });
    },
    consume,
    broadcast,
    async ready() {
      if (closed) throw new Error("kafka transport closed");
      if (startError !== undefined) throw new Error(`kafka brokers ${brokerList} unreachable: ${startError}`);
      if (!probe || Date.now() - probe.at > READY_CACHE_MS) {
        const result = probeCluster();
        result.catch(() => undefined);
        probe = { at: Date.now(), result };
      }
      try {
        await probe.result;
      } catch (err) {
        throw new Error(`kafka brokers ${brokerList} unreachable: ${errorMessage(err)}`, { cause: err });
      }
    },
    async close() {
      closed = true;
      closing.wake();
      await Promise.all([...consumers].map((consumer) => consumer.close()));
      await (await starting).done;
      await Promise.all([producer.disconnect(), admin.disconnect(), probeAdmin.disconnect()]);
    },
  };
}

/**
 * kafkajs rejects a refused CreateTopics with "Topic creation errors" and the reasons in `errors`:
 * an Error naming each topic and reason instead (`topic creation refused: erp.tenant
 * INVALID_REPLICATION_FACTOR (Replication factor 3 larger than available brokers: 1.)`).
 */
function topicCreationError(err: unknown): unknown {
  const reasons = (err as { errors?: unknown }).errors;
  if (!Array.isArray(reasons) || reasons.length === 0) return err;
  const named = reasons.map((reason: { topic?: string; type?: string; message?: string }) => `${reason.topic ?? "?"} ${reason.type ?? "ERROR"} (${reason.message ?? ""})`);
  return new Error(`topic creation refused: ${named.join("; ")}`, { cause: err });
}

/** The JSON value, or the raw text when it is not JSON (the subscriber counts it as malformed). */
function decode(value: Buffer | null): unknown {
  if (value === null) return null;
  const text = value.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
