import type pg from "pg";
import { z } from "zod";
import { createKafkaTransport } from "./kafka/kafka-transport";
import type { EventsLogger } from "./logger";
import { createPostgresTransport } from "./postgres/postgres-transport";
import type { Transport } from "./transport";

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** The event backbone's environment; services `.extend()` their config schema with its shape. */
export const eventsConfigSchema = z.object({
  /** Comma-separated; set → kafka transport, unset → postgres transport. */
  KAFKA_BROKERS: z
    .string()
    .optional()
    .transform((value) => value?.split(",").map((broker) => broker.trim()).filter(Boolean) ?? []),
  KAFKA_TOPIC_PARTITIONS: positiveInt(3),
  KAFKA_REPLICATION_FACTOR: positiveInt(1),
  EVENTS_POLL_INTERVAL_MS: positiveInt(1000),
  /** Log rows older than this may be pruned once every consumer group is past them. */
  EVENTS_LOG_RETENTION_HOURS: positiveInt(24 * 7),
});

export type EventsConfig = z.output<typeof eventsConfigSchema>;

export interface CreateTransportOptions {
  config: EventsConfig;
  /** Kafka client id; usually the service's name. */
  clientId: string;
  /** The service's pool (@erp/db `db.pool`), used by the postgres transport. */
  pool: pg.Pool;
  logger?: EventsLogger;
}

const HOUR_MS = 3_600_000;

/** Kafka when KAFKA_BROKERS is set, otherwise the postgres log of the service's own database. */
export function createTransport({ config, clientId, pool, logger }: CreateTransportOptions): Transport {
  if (config.KAFKA_BROKERS.length > 0) {
    return createKafkaTransport({
      brokers: config.KAFKA_BROKERS,
      clientId,
      topicPartitions: config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      logger,
    });
  }
  return createPostgresTransport({
    pool,
    pollIntervalMs: config.EVENTS_POLL_INTERVAL_MS,
    retention: { maxAgeMs: config.EVENTS_LOG_RETENTION_HOURS * HOUR_MS, intervalMs: HOUR_MS },
    logger,
  });
}
