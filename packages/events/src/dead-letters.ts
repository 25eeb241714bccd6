import type pg from "pg";
import type { Database, PrismaClientLike, TransactionClient, TransactionOptions } from "@erp/db";
import { uuidv7 } from "@erp/db";
import { applyOnce } from "./apply-once";
import { eventEnvelopeSchema, type EventEnvelope } from "./envelope";
import { findHandler, type EventHandlers } from "./handlers";
import { errorMessage } from "./logger";

export interface DeadLetter {
  id: string;
  groupId: string;
  eventId: string;
  eventType: string;
  envelope: EventEnvelope;
  /** The last failure's message (no stack: this is shown to operators and internal clients). */
  error: string;
  attempts: number;
  createdAt: Date;
  replayedAt: Date | null;
}

export type ReplayResult =
  | { status: "replayed" }
  | { status: "already_processed" }
  | { status: "not_found" }
  | { status: "failed"; error: string };

const MAX_ERROR_LENGTH = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const messageOf = (err: unknown) => errorMessage(err).slice(0, MAX_ERROR_LENGTH);

interface DeadLetterRow {
  id: string;
  group_id: string;
  event_id: string;
  event_type: string;
  envelope: EventEnvelope;
  error: string;
  attempts: number;
  created_at: Date;
  replayed_at: Date | null;
}

const toDeadLetter = (row: DeadLetterRow): DeadLetter => ({
  id: row.id,
  groupId: row.group_id,
  eventId: row.event_id,
  eventType: row.event_type,
  envelope: row.envelope,
  error: row.error,
  attempts: row.attempts,
  createdAt: row.created_at,
  replayedAt: row.replayed_at,
});

/**
 * Parks an event the group gave up on. Parked again (a redelivery that failed again), it keeps
 * its id, counts the new attempts and is pending replay again.
 */
export async function parkDeadLetter(pool: pg.Pool, group: string, envelope: EventEnvelope, err: unknown, attempts: number): Promise<void> {
  await pool.query(
    `INSERT INTO events.dead_letters (id, group_id, event_id, event_type, envelope, error, attempts)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (group_id, event_id) DO UPDATE SET envelope = EXCLUDED.envelope, error = EXCLUDED.error,
       attempts = events.dead_letters.attempts + EXCLUDED.attempts, replayed_at = NULL`,
    [uuidv7(), group, envelope.id, envelope.type, JSON.stringify(envelope), messageOf(err), attempts],
  );
}

export interface ListDeadLettersOptions {
  group?: string;
  /** Also list those already replayed (default false). */
  includeReplayed?: boolean;
  limit?: number;
}

/** Oldest first, so replaying in list order keeps the order the events failed in. */
export async function listDeadLetters(pool: pg.Pool, options: ListDeadLettersOptions = {}): Promise<DeadLetter[]> {
  const { rows } = await pool.query<DeadLetterRow>(
    `SELECT * FROM events.dead_letters
     WHERE ($1::text IS NULL OR group_id = $1) AND ($2 OR replayed_at IS NULL)
     ORDER BY created_at, id LIMIT $3`,
    [options.group ?? null, options.includeReplayed ?? false, options.limit ?? 100],
  );
  return rows.map(toDeadLetter);
}

export interface ReplayDeadLetterOptions<C extends PrismaClientLike> {
  db: Database<C>;
  group: string;
  handlers: EventHandlers<TransactionClient<C>>;
  id: string;
  transaction?: TransactionOptions;
}

/**
 * Runs a parked event through the group's handler once more (after a fix). Success marks the
 * dead letter replayed in the handler's own transaction; failure records the new error.
 */
export async function replayDeadLetter<C extends PrismaClientLike>(options: ReplayDeadLetterOptions<C>): Promise<ReplayResult> {
  const { db, group, id } = options;
  if (!UUID.test(id)) return { status: "not_found" };
  const { rows } = await db.pool.query<DeadLetterRow>("SELECT * FROM events.dead_letters WHERE id = $1 AND group_id = $2", [id, group]);
  const row = rows[0];
  if (!row) return { status: "not_found" };
  if (row.replayed_at) return { status: "already_processed" };

  const markReplayed = "UPDATE events.dead_letters SET replayed_at = now() WHERE id = $1";
  try {
    const envelope = eventEnvelopeSchema.parse(row.envelope);
    const handler = findHandler(options.handlers, envelope);
    if (!handler?.versions.includes(envelope.version)) {
      throw new Error(`no handler for ${envelope.type} version ${envelope.version}`);
    }
    const result = await applyOnce(db, group, handler, envelope, {
      transaction: options.transaction,
      alsoInTransaction: (tx) => tx.$executeRawUnsafe(markReplayed, id),
    });
    if (result === "applied") return { status: "replayed" };
    await db.pool.query(markReplayed, [id]);
    return { status: "already_processed" };
  } catch (err) {
    const error = messageOf(err);
    await db.pool.query("UPDATE events.dead_letters SET error = $2, attempts = attempts + 1 WHERE id = $1", [id, error]);
    return { status: "failed", error };
  }
}
