import type pg from "pg";
import { z } from "zod";
import { createKafkaTransport, type KafkaTransportOptions } from "./kafka/kafka-transport";
import type { EventsLogger } from "./logger";
import { createPostgresTransport } from "./postgres/postgres-transport";
import type { Transport } from "./transport";

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/**
 * The event backbone's environment, declared once: services spread it into their config schema
 * (`serviceConfigSchema` in @erp/service-kit does, with `checkEventsConfig`) and hand the parsed
 * config to `startServiceEvents`, so a bad variable stops the start before anything ran.
 */
export const eventsConfig = {
  /** Comma-separated; set → kafka transport, unset → postgres transport. */
  KAFKA_BROKERS: z
    .string()
    .optional()
    .transform((value) => value?.split(",").map((broker) => broker.trim()).filter(Boolean) ?? []),
  KAFKA_TOPIC_PARTITIONS: positiveInt(3),
  KAFKA_REPLICATION_FACTOR: positiveInt(1),
  EVENTS_POLL_INTERVAL_MS: positiveInt(1000),
  /**
   * How long the log keeps an event: postgres log rows older than this are pruned once every
   * consumer group is past them; Kafka topics this transport creates get it as `retention.ms`.
   */
  EVENTS_LOG_RETENTION_HOURS: positiveInt(24 * 7),
  /**
   * How long a consumer's record of a processed event is kept (it is what makes a redelivery
   * harmless). Must be longer than EVENTS_LOG_RETENTION_HOURS: an event can be redelivered only
   * while the log still has it; on postgres a record is also kept while its event is in the log.
   */
  EVENTS_PROCESSED_RETENTION_HOURS: positiveInt(24 * 30),
  /** How long published outbox rows are kept (unpublished rows are never pruned). */
  EVENTS_OUTBOX_RETENTION_HOURS: positiveInt(24 * 7),
  /** How often each service prunes processed-event records and its published outbox rows. */
  EVENTS_PRUNE_INTERVAL_MINUTES: positiveInt(60),
};

/**
 * The rule between the variables no single field can check; a schema spreading `eventsConfig`
 * adds it with `.superRefine(checkEventsConfig)` (`.extend()` keeps refinements, spreading the
 * shape does not).
 */
export function checkEventsConfig(
  config: { EVENTS_LOG_RETENTION_HOURS: number; EVENTS_PROCESSED_RETENTION_HOURS: number },
  context: z.RefinementCtx,
): void {
  if (config.EVENTS_PROCESSED_RETENTION_HOURS <= config.EVENTS_LOG_RETENTION_HOURS) {
    context.addIssue({
      code: "custom",
      path: ["EVENTS_PROCESSED_RETENTION_HOURS"],
      message: `must be longer than EVENTS_LOG_RETENTION_HOURS (${config.EVENTS_LOG_RETENTION_HOURS}): a redelivered event must still find its processed record`,
    });
  }
}

/** The event variables on their own (`openEvents`, scripts, tests); services spread `eventsConfig`. */
export const eventsConfigSchema = z.object(eventsConfig).superRefine(checkEventsConfig);

export type EventsConfig = z.output<typeof eventsConfigSchema>;

export interface CreateTransportOptions {
  config: EventsConfig;
  /** Kafka client id; usually the service's name. */
  clientId: string;
  /** The service's pool (@erp/db `db.pool`): required by the postgres transport, unused by Kafka. */
  pool?: pg.Pool;
  /** Kafka: topics created at start (default none; startServiceEvents passes every catalog topic). */
  topics?: string[];
  /** Kafka: timings and retries (tests shorten them). */
  kafka?: Partial<Omit<KafkaTransportOptions, "brokers" | "clientId" | "logger">>;
  /** Postgres: prune the log periodically from this process (default true; false for readers such as the gateway). */
  pruneLog?: boolean;
  logger?: EventsLogger;
}

const HOUR_MS = 3_600_000;

/**
 * Kafka when KAFKA_BROKERS is set, otherwise the postgres log of the service's own database.
 * @throws Error when the postgres transport is chosen and no pool is given.
 */
export function createTransport({ config, clientId, pool, topics, kafka, pruneLog = true, logger }: CreateTransportOptions): Transport {
  if (config.KAFKA_BROKERS.length > 0) {
    return createKafkaTransport({
      topicPartitions: config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      retentionMs: config.EVENTS_LOG_RETENTION_HOURS * HOUR_MS,
      topics,
      ...kafka,
      brokers: config.KAFKA_BROKERS,
      clientId,
      logger,
    });
  }
  if (!pool) throw new Error("the postgres event transport needs a database pool");
  return createPostgresTransport({
    pool,
    pollIntervalMs: config.EVENTS_POLL_INTERVAL_MS,
    ...(pruneLog ? { retention: { maxAgeMs: config.EVENTS_LOG_RETENTION_HOURS * HOUR_MS, intervalMs: HOUR_MS } } : {}),
    logger,
  });
}
