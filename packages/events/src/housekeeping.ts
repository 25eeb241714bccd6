import type pg from "pg";
import { assertIdentifier } from "./identifiers";
import { errorMessage, silentLogger, type EventsLogger } from "./logger";

const DELETE_BATCH = 5000;

/** Deletes with `statement` ($1 = max age in ms, $2 = batch size) until a batch comes back short. */
async function deleteInBatches(pool: pg.Pool, statement: string, maxAgeMs: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await pool.query(statement, [maxAgeMs, DELETE_BATCH]);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < DELETE_BATCH) return total;
  }
}

/**
 * Deletes processed-event records no consumer can need any more: a record is what makes a
 * redelivered event harmless, so one goes only when its event can no longer be delivered again:
 *
 * - it was processed more than `maxAgeMs` ago, which the configuration keeps longer than the
 *   log's retention (EVENTS_PROCESSED_RETENTION_HOURS > EVENTS_LOG_RETENTION_HOURS; Kafka topics
 *   the transport creates get that retention), so the event has left the log;
 * - its event is not in the postgres log any more (rows leave it only once every group is past
 *   them, so no group can re-read it), whatever the clock says;
 * - the group has no pending dead letter for it (a replay must still find it processed).
 *
 * Batched like the log's pruning. Returns the number of records deleted.
 */
export function pruneProcessedEvents(pool: pg.Pool, maxAgeMs: number): Promise<number> {
  return deleteInBatches(
    pool,
    `DELETE FROM events.processed_events WHERE (group_id, event_id) IN (
       SELECT p.group_id, p.event_id FROM events.processed_events p
       WHERE p.processed_at < now() - make_interval(secs => $1::double precision / 1000)
         AND NOT EXISTS (SELECT 1 FROM events.log l WHERE l.event_id = p.event_id)
         AND NOT EXISTS (SELECT 1 FROM events.dead_letters d WHERE d.group_id = p.group_id AND d.event_id = p.event_id AND d.replayed_at IS NULL)
       LIMIT $2)`,
    maxAgeMs,
  );
}

/**
 * Deletes `<schema>.outbox` rows published more than `maxAgeMs` ago. A row not yet published is
 * never deleted, whatever its age: it is the only copy of its event until the relay publishes it.
 * Returns the number of rows deleted.
 */
export function pruneOutbox(pool: pg.Pool, schema: string, maxAgeMs: number): Promise<number> {
  assertIdentifier(schema, "schema name");
  // In sequence order: published rows are the old end of the outbox, so the scan finds them first.
  return deleteInBatches(
    pool,
    `DELETE FROM "${schema}".outbox WHERE id IN (
       SELECT id FROM "${schema}".outbox
       WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY sequence LIMIT $2)`,
    maxAgeMs,
  );
}

export interface HousekeepingOptions {
  /** The service's pool (@erp/db `db.pool`). */
  pool: pg.Pool;
  /** The service's schema, whose published outbox rows are pruned. */
  schema: string;
  processedEventsMaxAgeMs: number;
  outboxMaxAgeMs: number;
  /** Between two rounds, in ms; the first round runs one interval after the start. */
  intervalMs: number;
  logger?: EventsLogger;
}

/**
 * Prunes processed-event records and the service's published outbox rows every `intervalMs`
 * (each service instance does; concurrent rounds only find less to delete). A failed round is
 * logged and the next one tries again. `stop()` waits for a round in progress.
 */
export function startHousekeeping(options: HousekeepingOptions): { stop(): Promise<void> } {
  const logger = options.logger ?? silentLogger;
  let round: Promise<void> | undefined;
  const prune = async () => {
    try {
      const processed = await pruneProcessedEvents(options.pool, options.processedEventsMaxAgeMs);
      const outbox = await pruneOutbox(options.pool, options.schema, options.outboxMaxAgeMs);
      if (processed + outbox > 0) logger.info("event records pruned", { schema: options.schema, processedEvents: processed, outboxRows: outbox });
    } catch (err) {
      logger.warn("event records pruning failed; retrying next round", { schema: options.schema, error: errorMessage(err) });
    }
  };
  const timer = setInterval(() => {
    // A round still running when the next is due: skip this one rather than pile them up.
    round ??= prune().finally(() => (round = undefined));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await round;
    },
  };
}
