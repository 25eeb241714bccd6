import type pg from "pg";
import { defaultBackoff, type BackoffOptions } from "../backoff";
import { errorMessage, silentLogger, type EventsLogger } from "../logger";
import type { Consumer, Transport } from "../transport";
import { startBroadcastReader } from "./broadcast-reader";
import { APPEND_CHANNEL, appendToLog } from "./log-append";
import { startLogConsumer } from "./log-consumer";
import { pruneLog, type LogRetention } from "./retention";

export interface PostgresTransportOptions {
  /** The service's pool (@erp/db `db.pool`): connections run as erp_app. */
  pool: pg.Pool;
  /** Fallback poll when no wake-up arrives (default 1000 ms). */
  pollIntervalMs?: number;
  /** Events read per query (default 100). */
  batchSize?: number;
  /** Aggregates a consumer handles at the same time, per topic (default 4; 1 = one event at a time). */
  concurrency?: number;
  /** How often a standby reader tries to take over (default 2000 ms). */
  standbyRetryMs?: number;
  /** Between retries of a failed read or handler (default 200 ms doubling to 30 s). */
  backoff?: BackoffOptions;
  /** When set, this process prunes the log periodically. */
  retention?: LogRetention;
  logger?: EventsLogger;
}

/** The embedded default: an ordered log table in the service database, no extra infrastructure. */
export function createPostgresTransport(options: PostgresTransportOptions): Transport {
  const logger = options.logger ?? silentLogger;
  const settings = {
    pool: options.pool,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    batchSize: options.batchSize ?? 100,
    concurrency: options.concurrency ?? 4,
    standbyRetryMs: options.standbyRetryMs ?? 2000,
    backoff: options.backoff ?? defaultBackoff,
    logger,
  };
  const consumers = new Set<Consumer>();
  const retention = options.retention;
  const pruning =
    retention &&
    setInterval(() => {
      pruneLog(options.pool, retention.maxAgeMs).then(
        (deleted) => deleted > 0 && logger.info("event log pruned", { deleted }),
        (err: unknown) => logger.warn("event log pruning failed", { error: errorMessage(err) }),
      );
    }, retention.intervalMs).unref();

  /** Closed with the transport, unless closed before. */
  const track = (consumer: Consumer): Consumer => {
    const tracked: Consumer = {
      async close() {
        consumers.delete(tracked);
        await consumer.close();
      },
    };
    consumers.add(tracked);
    return tracked;
  };

  return {
    name: "postgres",
    async publish(envelopes) {
      if (envelopes.length === 0) return;
      const topics = await appendToLog(options.pool, envelopes);
      // After the append committed, in a statement of its own: a NOTIFY takes a database-wide
      // lock at commit, which must never stretch a business transaction (readers poll anyway).
      await options.pool
        .query(`SELECT pg_notify('${APPEND_CHANNEL}', topic) FROM unnest($1::text[]) AS topic`, [topics])
        .catch((err: unknown) => logger.warn("event wake-up failed", { error: errorMessage(err) }));
    },
    consume: async (consumeOptions) => track(await startLogConsumer(settings, consumeOptions)),
    broadcast: async (broadcastOptions) => track(await startBroadcastReader(settings, broadcastOptions)),
    async ready() {
      try {
        await options.pool.query("SELECT 1 FROM events.topics LIMIT 1");
      } catch (err) {
        throw new Error(`event log unreachable: ${errorMessage(err)}`, { cause: err });
      }
    },
    async close() {
      if (pruning) clearInterval(pruning);
      await Promise.all([...consumers].map((consumer) => consumer.close()));
    },
  };
}
