import type pg from "pg";
import type { EventEnvelope } from "../envelope";
import { eventHeaders, groupByTopic } from "../topics";

/** The channel consumers LISTEN on; the payload is the topic that grew. */
export const APPEND_CHANNEL = "erp_events";

/**
 * Appends envelopes to events.log in one transaction. Offsets come from the topic's row in
 * events.topics, which the upsert locks until commit: a second append to the topic waits, so
 * offsets become visible in the order they were assigned and a reader that has seen offset k+1
 * can never later find a k it skipped. Topics are locked in sorted order (no deadlocks between
 * relays of different services). An event already in the log (republished by a relay that died
 * before marking it) is skipped: its reserved offset stays a gap, which readers do not mind.
 * Returns the topics that received events.
 */
export async function appendToLog(pool: pg.Pool, envelopes: EventEnvelope[]): Promise<string[]> {
  const byTopic = groupByTopic(envelopes);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    for (const [topic, list] of byTopic) {
      const { rows } = await client.query<{ first: string }>(
        `INSERT INTO events.topics AS t (topic, next_offset) VALUES ($1, 1 + $2::bigint)
         ON CONFLICT (topic) DO UPDATE SET next_offset = t.next_offset + $2::bigint
         RETURNING next_offset - $2::bigint AS first`,
        [topic, list.length],
      );
      await client.query(
        `INSERT INTO events.log (topic, "offset", event_id, key, envelope, headers)
         SELECT $1, $2::bigint + r.i - 1, (r.item->'envelope'->>'id')::uuid, r.item->'envelope'->>'aggregateId',
                r.item->'envelope', r.item->'headers'
         FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS r(item, i)
         ON CONFLICT (event_id) DO NOTHING`,
        [topic, rows[0]?.first, JSON.stringify(list.map((envelope) => ({ envelope, headers: eventHeaders(envelope) })))],
      );
    }
    await client.query("COMMIT");
    return byTopic.map(([topic]) => topic);
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
