import type pg from "pg";
import { assertIdentifier } from "./identifiers";
import { backoffDelay, defaultBackoff, type BackoffOptions } from "./backoff";
import type { EventEnvelope } from "./envelope";
import { ExclusiveSession } from "./exclusive-session";
import { errorMessage, silentLogger, type EventsLogger } from "./logger";
import { OutageLog } from "./outage-log";
import type { Transport } from "./transport";
import { onOutboxCommitted } from "./outbox-signal";
import { WakeSignal } from "./wake-signal";

export interface RelayOptions {
  /** The service's pool (@erp/db `db.pool`); the relay opens one dedicated connection beside it. */
  pool: pg.Pool;
  /** The service's schema, whose `outbox` table is relayed. */
  schema: string;
  transport: Transport;
  /** Outbox rows per publish (default 100). */
  batchSize?: number;
  /** Fallback poll when nobody calls wake() (default 1000 ms). */
  pollIntervalMs?: number;
  /** How often a standby relay tries to take over (default 2000 ms). */
  standbyRetryMs?: number;
  /** Between retries of a failed publish (default 200 ms doubling to 30 s). */
  backoff?: BackoffOptions;
  /** While publishing keeps failing, at most one warning line per this many ms (default 30 s). */
  outageLogWindowMs?: number;
  logger?: EventsLogger;
}

export interface Relay {
  /** Publish now rather than at the next poll (outbox commits in this process wake it already). */
  wake(): void;
  /**
   * The publish failure in progress (transport or database unreachable), undefined while the
   * relay works: for readiness. The rows wait in the outbox meanwhile; nothing is lost.
   */
  failure(): { since: Date; attempts: number; error: string } | undefined;
  /** Finishes the batch in hand (or abandons a retry wait) and releases the relay lock. */
  stop(): Promise<void>;
}

/**
 * Publishes a service's outbox rows in `sequence` order and marks them published.
 *
 * One relay per schema is active across all processes (a session advisory lock; the others stand
 * by), rather than several claiming rows with SKIP LOCKED, because concurrent relays would publish
 * interleaved batches out of order. A failed publish is retried with the same first row, never
 * skipped, so an aggregate's events keep their order. A relay that dies after publishing and
 * before marking leaves the rows unmarked: the next one publishes them again and consumers
 * deduplicate by event id (at-least-once).
 *
 * Order assumption: `sequence` is drawn at insert, not at commit, so two transactions can commit
 * in the opposite order of their sequences and a relay may publish the later one first. That is
 * harmless across aggregates; within one aggregate writers lock the aggregate's row (UPDATE, or
 * SELECT … FOR UPDATE) before appending its event, so its events commit in sequence order.
 */
export function startRelay(options: RelayOptions): Relay {
  const schema = assertIdentifier(options.schema, "schema name");
  const logger = options.logger ?? silentLogger;
  const batchSize = options.batchSize ?? 100;
  const backoff = options.backoff ?? defaultBackoff;
  const session = new ExclusiveSession(options.pool, `events.relay:${schema}`, logger);
  const signal = new WakeSignal();
  // Backoff waits end only on stop: wake() after every commit must not turn retries into a hammer.
  const stopSignal = new WakeSignal();
  const outage = new OutageLog(logger, options.outageLogWindowMs);
  let stopped = false;

  const publishBatch = async (client: pg.Client): Promise<number> => {
    const { rows } = await client.query<{ id: string; envelope: EventEnvelope }>(
      `SELECT id, envelope FROM "${schema}".outbox WHERE published_at IS NULL ORDER BY sequence LIMIT $1`,
      [batchSize],
    );
    if (rows.length === 0) return 0;
    await options.transport.publish(rows.map((row) => row.envelope));
    await client.query(`UPDATE "${schema}".outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
    return rows.length;
  };

  const run = async () => {
    let failures = 0;
    while (!stopped) {
      try {
        const client = await session.acquire();
        if (!client) {
          await signal.wait(options.standbyRetryMs ?? 2000);
          continue;
        }
        const published = await publishBatch(client);
        failures = 0;
        outage.recovered("outbox relay publishing again", { schema });
        if (published < batchSize) await signal.wait(options.pollIntervalMs ?? 1000);
      } catch (err) {
        if (stopped) break;
        failures += 1;
        const retryInMs = backoffDelay(failures, backoff);
        // One line per window, not per attempt: the events wait in the outbox, nothing is lost.
        outage.failure("outbox relay cannot publish; the events wait in the outbox, retrying with backoff", errorMessage(err), { schema, retryInMs });
        await stopSignal.wait(retryInMs);
      }
    }
    await session.release();
  };

  const stopListening = onOutboxCommitted(schema, () => signal.wake());
  const done = run();
  return {
    wake: () => signal.wake(),
    failure: () => outage.outage,
    async stop() {
      stopped = true;
      stopListening();
      signal.wake();
      stopSignal.wake();
      await done;
    },
  };
}
