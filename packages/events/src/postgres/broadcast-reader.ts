import type pg from "pg";
import { backoffDelay, type BackoffOptions } from "../backoff";
import { errorMessage, type EventsLogger } from "../logger";
import { OutageLog } from "../outage-log";
import type { BroadcastOptions, Consumer } from "../transport";
import { WakeSignal } from "../wake-signal";
import { listenForAppends } from "./notification-listener";

export interface BroadcastReaderSettings {
  pool: pg.Pool;
  pollIntervalMs: number;
  batchSize: number;
  backoff: BackoffOptions;
  logger: EventsLogger;
}

/**
 * Reads the postgres log for this process alone: it starts at each topic's end as committed when
 * it starts, keeps its position in memory only and writes nothing (no row in
 * events.consumer_offsets, so the log's retention never waits for it). Offsets of a topic become
 * visible in the order they were assigned (see appendToLog), so reading `offset > position` in
 * order misses nothing. Woken by NOTIFY like the group consumers, polling as a fallback.
 */
export async function startBroadcastReader(settings: BroadcastReaderSettings, options: BroadcastOptions): Promise<Consumer> {
  const { pool, logger } = settings;
  const topics = [...new Set(options.topics)];
  const signal = new WakeSignal();
  const stopSignal = new WakeSignal();
  const outage = new OutageLog(logger);
  let stopped = false;
  let positions: Map<string, string> | undefined;

  /** Each topic's last committed offset: what is appended after this is "from now on". */
  const snapshot = async (): Promise<Map<string, string>> => {
    const { rows } = await pool.query<{ topic: string; last: string }>(
      "SELECT topic, (next_offset - 1)::text AS last FROM events.topics WHERE topic = ANY($1::text[])",
      [topics],
    );
    const found = new Map(rows.map((row) => [row.topic, row.last]));
    // A topic with no row yet has had no event: everything it will get is new.
    return new Map(topics.map((topic) => [topic, found.get(topic) ?? "0"]));
  };

  const readTopic = async (at: Map<string, string>, topic: string): Promise<number> => {
    const { rows } = await pool.query<{ offset: string; envelope: unknown }>(
      `SELECT "offset"::text AS "offset", envelope FROM events.log WHERE topic = $1 AND "offset" > $2::bigint ORDER BY "offset" LIMIT $3`,
      [topic, at.get(topic), settings.batchSize],
    );
    for (const row of rows) {
      if (stopped) break;
      at.set(topic, row.offset);
      await options.onEvent(row.envelope, { topic, partition: 0, offset: row.offset }).catch((err: unknown) =>
        logger.warn("broadcast handler failed; event skipped", { topic, offset: row.offset, error: errorMessage(err) }),
      );
    }
    return rows.length;
  };

  const run = async () => {
    let failures = 0;
    while (!stopped) {
      try {
        positions ??= await snapshot();
        let read = 0;
        for (const topic of topics) read += await readTopic(positions, topic);
        failures = 0;
        outage.recovered("event broadcast reading again", { topics });
        if (read < settings.batchSize) await signal.wait(settings.pollIntervalMs);
      } catch (err) {
        if (stopped) break;
        failures += 1;
        outage.failure("event broadcast cannot read the log; retrying", errorMessage(err), { topics });
        await stopSignal.wait(backoffDelay(failures, settings.backoff));
      }
    }
  };

  // The start position is taken before this resolves (when the database answers), so an event
  // appended after it is delivered.
  positions = await snapshot().catch((err: unknown) => {
    outage.failure("event broadcast cannot read the log; retrying", errorMessage(err), { topics });
    return undefined;
  });
  const wanted = new Set(topics);
  const listener = listenForAppends(pool, (topic) => wanted.has(topic) && signal.wake(), logger);
  const done = run();
  return {
    async close() {
      stopped = true;
      signal.wake();
      stopSignal.wake();
      await listener.close();
      await done;
    },
  };
}
