import type pg from "pg";

export interface LogRetention {
  /** Log rows older than this may go, once every group that reads their topic is past them. */
  maxAgeMs: number;
  /** How often the transport prunes. */
  intervalMs: number;
}

const DELETE_BATCH = 5000;

/**
 * Deletes old log rows at or below the lowest offset committed by every group that consumes
 * their topic (groups register when they start reading), so no group loses an event it has not
 * handled. A topic no group reads is kept whole. A group that is gone for good holds retention
 * back until its rows in events.consumer_offsets are deleted. Deletes in batches so no single
 * statement holds many row locks. Returns the number of rows deleted.
 */
export async function pruneLog(pool: pg.Pool, maxAgeMs: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await pool.query(
      `DELETE FROM events.log WHERE (topic, "offset") IN (
         SELECT l.topic, l."offset" FROM events.log l
         WHERE l.appended_at < now() - make_interval(secs => $1::double precision / 1000)
           AND l."offset" <= (SELECT min(c.committed_offset) FROM events.consumer_offsets c WHERE c.topic = l.topic)
         LIMIT $2)`,
      [maxAgeMs, DELETE_BATCH],
    );
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < DELETE_BATCH) return total;
  }
}
