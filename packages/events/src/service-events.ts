import { parseConfig, type Env } from "@erp/config";
import type pg from "pg";
import { createTransport, eventsConfigSchema } from "./create-transport";
import type { EventsLogger } from "./logger";
import { migrateEvents } from "./migrations";
import { startRelay, type Relay } from "./relay";
import type { Transport } from "./transport";

export interface ServiceEventsOptions {
  /** The service's environment: KAFKA_BROKERS and the other variables of `eventsConfigSchema`. */
  env: Env;
  /** The service's name: Kafka client id, and its consumer group when it subscribes. */
  service: string;
  /** The schema whose `outbox` the service writes. */
  schema: string;
  /** The owner connection (DATABASE_URL), to migrate the platform's `events` schema. */
  connectionString: string;
  /** The service's pool (@erp/db `db.pool`). */
  pool: pg.Pool;
  logger?: EventsLogger;
}

export interface ServiceEvents {
  transport: Transport;
  relay: Relay;
  /** Stops the relay, then the transport (and every consumer on it). */
  close(): Promise<void>;
}

/**
 * What every service with an outbox starts beside its app: the transport chosen by configuration
 * and the relay publishing its outbox. Consumers are added with `subscribe({ transport, ... })`.
 */
export async function startServiceEvents(options: ServiceEventsOptions): Promise<ServiceEvents> {
  const config = parseConfig(eventsConfigSchema, options.env);
  // Idempotent and advisory-locked; processed events and dead letters live there on both transports.
  await migrateEvents(options.connectionString, options.logger);
  const transport = createTransport({ config, clientId: options.service, pool: options.pool, logger: options.logger });
  const relay = startRelay({
    pool: options.pool,
    schema: options.schema,
    transport,
    pollIntervalMs: config.EVENTS_POLL_INTERVAL_MS,
    logger: options.logger,
  });
  return {
    transport,
    relay,
    async close() {
      await relay.stop();
      await transport.close();
    },
  };
}
