import pg from "pg";
import type { BackoffOptions } from "./backoff";
import { createTransport, type CreateTransportOptions, type EventsConfig } from "./create-transport";
import { startHousekeeping } from "./housekeeping";
import { errorMessage, silentLogger, type EventsLogger } from "./logger";
import { migrateEvents } from "./migrations";
import { startRelay, type Relay } from "./relay";
import { catalogTopics } from "./topics";
import type { Transport } from "./transport";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Timings tests shorten; production uses the defaults. */
export interface ServiceEventsTuning {
  /** The relay's backoff between failed publishes (default 200 ms doubling to 30 s). */
  relayBackoff?: BackoffOptions;
  /** Minimum time between two warning lines of one outage (default 30 s). */
  outageLogWindowMs?: number;
  kafka?: CreateTransportOptions["kafka"];
  /** Between pruning rounds, in ms (default EVENTS_PRUNE_INTERVAL_MINUTES). */
  pruneIntervalMs?: number;
}

export interface ServiceEventsOptions {
  /**
   * KAFKA_BROKERS and the other variables of `eventsConfig`, parsed with the service's own config
   * at start (a service's config is a superset); `parseConfig(eventsConfigSchema, env)` elsewhere.
   */
  config: EventsConfig;
  /** The service's name: Kafka client id, and its consumer group when it subscribes. */
  service: string;
  /** The schema whose `outbox` the service writes. */
  schema: string;
  /** The owner connection (DATABASE_URL), to migrate the platform's `events` schema. */
  connectionString: string;
  /** The service's pool (@erp/db `db.pool`). */
  pool: pg.Pool;
  /**
   * Kafka topics created at start, before any event: default every domain of the events defined
   * in this process (`catalogTopics()`: all of `@erp/event-catalog` once it is imported).
   */
  topics?: string[];
  tuning?: ServiceEventsTuning;
  logger?: EventsLogger;
}

export interface ServiceEvents {
  transport: Transport;
  relay: Relay;
  /**
   * For `/ready` (`readiness: { events: () => events.ready() }`): resolves when the transport
   * reaches its broker or database and the relay is publishing; otherwise rejects with the
   * reason (the service stays up and its outbox keeps the events until then).
   */
  ready(): Promise<void>;
  /** Stops the relay, then the transport (and every consumer on it). */
  close(): Promise<void>;
}

/**
 * What every service with an outbox starts beside its app: the transport chosen by configuration
 * and the relay publishing its outbox. Consumers are added with `subscribe({ transport, ... })`.
 *
 * It also prunes, every EVENTS_PRUNE_INTERVAL_MINUTES, processed-event records no redelivery can
 * need any more and the service's published outbox rows (see housekeeping.ts).
 *
 * An unreachable Kafka does not stop the service: this resolves anyway, every domain's topic is
 * created as soon as the brokers answer, the relay retries with backoff (one log line per outage
 * window) and `ready()` reports the outage. Only the database (migrating the events schema) must
 * be reachable, as for the service itself.
 */
export async function startServiceEvents(options: ServiceEventsOptions): Promise<ServiceEvents> {
  const { config } = options;
  const tuning = options.tuning ?? {};
  // Idempotent and advisory-locked; processed events and dead letters live there on both transports.
  await migrateEvents(options.connectionString, options.logger);
  const transport = createTransport({
    config,
    clientId: options.service,
    pool: options.pool,
    topics: options.topics ?? catalogTopics(),
    kafka: { outageLogWindowMs: tuning.outageLogWindowMs, ...tuning.kafka },
    logger: options.logger,
  });
  const relay = startRelay({
    pool: options.pool,
    schema: options.schema,
    transport,
    pollIntervalMs: config.EVENTS_POLL_INTERVAL_MS,
    backoff: tuning.relayBackoff,
    outageLogWindowMs: tuning.outageLogWindowMs,
    logger: options.logger,
  });
  // What would otherwise grow forever: processed-event records and published outbox rows.
  const housekeeping = startHousekeeping({
    pool: options.pool,
    schema: options.schema,
    processedEventsMaxAgeMs: config.EVENTS_PROCESSED_RETENTION_HOURS * HOUR_MS,
    outboxMaxAgeMs: config.EVENTS_OUTBOX_RETENTION_HOURS * HOUR_MS,
    intervalMs: tuning.pruneIntervalMs ?? config.EVENTS_PRUNE_INTERVAL_MINUTES * MINUTE_MS,
    logger: options.logger,
  });
  return {
    transport,
    relay,
    async ready() {
      await transport.ready();
      const failure = relay.failure();
      if (failure) {
        throw new Error(`outbox relay failing since ${failure.since.toISOString()} (${failure.attempts} attempts): ${failure.error}`);
      }
    },
    async close() {
      await housekeeping.stop();
      await relay.stop();
      await transport.close();
    },
  };
}

export interface EventsConnectionOptions {
  /**
   * KAFKA_BROKERS and the other variables of `eventsConfig`, parsed once at start with the
   * process's own config (the gateway spreads `eventsConfig` into its schema);
   * `parseConfig(eventsConfigSchema, env)` elsewhere.
   */
  config: EventsConfig;
  /** Kafka client id (usually the service's name). */
  service: string;
  /** The database holding the postgres log (DATABASE_URL); needed unless KAFKA_BROKERS is set. */
  connectionString?: string;
  tuning?: Pick<ServiceEventsTuning, "kafka" | "outageLogWindowMs">;
  logger?: EventsLogger;
}

export interface EventsConnection {
  transport: Transport;
  /** Resolves when the transport reaches its broker or database; rejects with the reason. */
  ready(): Promise<void>;
  /** Closes the transport (and every subscription on it), then its own pool. */
  close(): Promise<void>;
}

/** Whether `openEvents` can connect with this parsed config (KAFKA_BROKERS, or a database for the postgres log). */
export function canOpenEvents(config: Pick<EventsConfig, "KAFKA_BROKERS">, connectionString: string | undefined): boolean {
  return config.KAFKA_BROKERS.length > 0 || Boolean(connectionString);
}

/**
 * A transport for a process that reads events without an outbox of its own (the gateway
 * following `tenant.*` with `subscribeBroadcast`): Kafka when KAFKA_BROKERS is set, otherwise the
 * postgres log through a small pool of its own. It neither migrates nor prunes anything and never
 * throws when the broker or database is down at start: subscriptions retry in the background.
 * @throws Error when neither KAFKA_BROKERS nor `connectionString` is given.
 */
export function openEvents(options: EventsConnectionOptions): EventsConnection {
  const { config } = options;
  const logger = options.logger ?? silentLogger;
  if (config.KAFKA_BROKERS.length === 0 && !options.connectionString) {
    throw new Error("events: set KAFKA_BROKERS, or give a database connection for the postgres log");
  }
  const pool = config.KAFKA_BROKERS.length > 0 ? undefined : new pg.Pool({ connectionString: options.connectionString, max: 2 });
  // An idle connection the server ends (restart, failover) must not crash the process.
  pool?.on("error", (err) => logger.warn("event log connection lost", { error: errorMessage(err) }));
  const transport = createTransport({
    config,
    clientId: options.service,
    pool,
    pruneLog: false,
    kafka: { outageLogWindowMs: options.tuning?.outageLogWindowMs, ...options.tuning?.kafka },
    logger,
  });
  return {
    transport,
    ready: () => transport.ready(),
    async close() {
      await transport.close();
      await pool?.end();
    },
  };
}
