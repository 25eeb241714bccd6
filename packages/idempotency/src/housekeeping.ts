/** Expired keys go: what service-kit's housekeeping runs beside every service that keeps keys. */
import type pg from "pg";
import { idempotencyTable } from "./table";

const DELETE_BATCH = 5000;

/**
 * Deletes keys past their `expires_at` (24 h after the claim), in batches, and returns how many.
 * A key still in flight is kept until its lock has run out too, so a request that is somehow
 * still running never loses its row under it.
 */
export async function pruneIdempotencyKeys(pool: pg.Pool, schema: string): Promise<number> {
  const table = idempotencyTable(schema);
  const statement = `DELETE FROM ${table} WHERE (scope, key_hash) IN (
      SELECT scope, key_hash FROM ${table}
       WHERE expires_at <= now() AND (status = 'completed' OR locked_until <= now())
       ORDER BY expires_at LIMIT $1)`;
  let total = 0;
  for (;;) {
    const { rowCount } = await pool.query(statement, [DELETE_BATCH]);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < DELETE_BATCH) return total;
  }
}

/** Whether the service's migrations created the table (`app_create_idempotency_keys`). */
export async function hasIdempotencyKeys(pool: pg.Pool, schema: string): Promise<boolean> {
  const { rows } = await pool.query<{ present: boolean }>("SELECT to_regclass($1) IS NOT NULL AS present", [idempotencyTable(schema)]);
  return rows[0]?.present === true;
}
