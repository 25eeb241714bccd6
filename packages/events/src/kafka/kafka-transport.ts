import { Kafka, logLevel, type Admin, type Consumer as KafkaConsumer, type LogEntry, type Producer } from "kafkajs";
import { backoffDelay, defaultBackoff, type BackoffOptions } from "../backoff";
import { errorMessage, silentLogger, type EventsLogger } from "../logger";
import { eventHeaders, groupByTopic } from "../topics";
import type { Consumer, ConsumeOptions, DeliveryMeta, Transport } from "../transport";
import { WakeSignal } from "../wake-signal";

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /** Partitions of topics this transport creates (default 3). Existing topics are left alone. */
  topicPartitions?: number;
  /** Replication factor of topics this transport creates (default 1; 3 on a real cluster). */
  replicationFactor?: number;
  /** Partitions a consumer handles at the same time (default 4); one partition's events never overlap. */
  concurrency?: number;
  /** Consumer group timings; the defaults are kafkajs's. Tests shorten them. */
  consumer?: { sessionTimeout?: number; rebalanceTimeout?: number; heartbeatInterval?: number; maxWaitTimeInMs?: number };
  /** Between retries of an event whose handling failed (default 200 ms doubling to 30 s). */
  backoff?: BackoffOptions;
  logger?: EventsLogger;
}

/**
 * kafkajs is unmaintained since 2023, so it stays inside this file: everything above talks to
 * the Transport interface, and another client can replace this one.
 */
export function createKafkaTransport(options: KafkaTransportOptions): Transport {
  const logger = options.logger ?? silentLogger;
  const backoff = options.backoff ?? defaultBackoff;
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...meta } = entry.log;
      const log = entry.level <= logLevel.ERROR ? logger.error : logger.warn;
      log.call(logger, `kafka: ${message}`, { namespace: entry.namespace, ...meta });
    },
  });
  // One request in flight: a retried send can then never overtake the send after it.
  const producer: Producer = kafka.producer({ maxInFlightRequests: 1, allowAutoTopicCreation: false });
  const admin: Admin = kafka.admin();
  const consumers = new Set<Consumer>();
  const knownTopics = new Set<string>();
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

  /** Creates missing topics with the configured partitions (a topic that exists is kept as is). */
  const ensureTopics = async (topics: string[]) => {
    const missing = topics.filter((topic) => !knownTopics.has(topic));
    if (missing.length === 0) return;
    await connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.topicPartitions ?? 3,
        replicationFactor: options.replicationFactor ?? 1,
      })),
    });
    for (const topic of missing) knownTopics.add(topic);
  };

  const consume = async ({ group, topics, onEvent }: ConsumeOptions): Promise<Consumer> => {
    await ensureTopics(topics);
    const consumer: KafkaConsumer = kafka.consumer({ groupId: group, allowAutoTopicCreation: false, ...options.consumer });
    const closing = new WakeSignal();
    let closed = false;
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      // Offsets are committed by hand, one event at a time, only after it was handled.
      autoCommit: false,
      partitionsConsumedConcurrently: options.concurrency ?? 4,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const meta: DeliveryMeta = { topic, partition, offset: message.offset };
        const value = decode(message.value);
        for (let attempt = 1; ; attempt++) {
          if (closed) throw new Error("consumer closed");
          try {
            await onEvent(value, meta);
            break;
          } catch (err) {
            if (closed) throw err;
            logger.warn("event handling failed; retrying", { group, ...meta, attempt, error: errorMessage(err) });
            await closing.wait(backoffDelay(attempt, backoff));
            await heartbeat();
          }
        }
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
    const handle: Consumer = {
      async close() {
        closed = true;
        closing.wake();
        consumers.delete(handle);
        await consumer.disconnect();
      },
    };
    consumers.add(handle);
    return handle;
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
    async close() {
      await Promise.all([...consumers].map((consumer) => consumer.close()));
      await Promise.all([producer.disconnect(), admin.disconnect()]);
    },
  };
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
