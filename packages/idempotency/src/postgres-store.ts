/**
 * Idempotency-Keys kept in the service's own schema (`<schema>.idempotency_keys`, created by a
 * migration with `SELECT public.app_create_idempotency_keys('<schema>')`).
 *
 * Lifecycle of a row (one per scope and key):
 * 1. claim: INSERT … ON CONFLICT DO NOTHING, `in_progress` with a fresh claim token, in its own
 *    statement (committed at once, so concurrent requests see it). Unique → read the row: another
 *    request (fingerprint differs) → reused; answered → replay; in flight → in_use. An expired row,
 *    or an `in_progress` one whose lock ran out (its request crashed), is taken over by one UPDATE
 *    conditioned on the token it read, so of two takers only one wins.
 * 2. the effect's transaction stores the answer (`completed`), conditioned on the claim token and
 *    `in_progress`: if a retry took the key over meanwhile, zero rows change and the effect rolls
 *    back with 409, so one key never has two effects.
 * 3. without an effect: a 4xx answer is stored on its own; a 5xx deletes the row (release).
 * Rows are kept `ttlMs` (24 h) from their claim, then `pruneIdempotencyKeys` deletes them.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { AppError } from "@erp/errors";
import {
  IDEMPOTENCY_KEY_IN_USE,
  type ClaimedKey,
  type IdempotencyClaim,
  type IdempotencyStore,
  type IdempotentRequest,
  type StoredResponse,
} from "@erp/http-kit";
import { keySecrets, type KeySecrets } from "./key-secrets";
import { idempotencyTable } from "./table";

export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_IDEMPOTENCY_LOCK_MS = 60_000;

export interface IdempotencyStoreOptions {
  /** The service's pool (@erp/db `db.pool`, the erp_app role). */
  pool: pg.Pool;
  /** The service's schema, holding `idempotency_keys`. */
  schema: string;
  /** How long a key and its answer are kept, from the claim (ms; default 24 h). */
  ttlMs?: number;
  /**
   * How long a claim holds the key before a retry may take it over, for a request that crashed
   * (ms; default 60 s). Longer than any idempotent request takes; a request still running past it
   * is safe anyway (its effect rolls back when it finds the key taken over).
   */
  lockMs?: number;
  /** Retry-After of a 409 IDEMPOTENCY_KEY_IN_USE (seconds; default 1). */
  retryAfterSeconds?: number;
}

/** The part of a Prisma transaction client the store uses to write in the caller's transaction. */
export interface RawTransaction {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

interface KeyRow {
  request_fingerprint: string;
  status: "in_progress" | "completed";
  claim_token: string;
  response_sealed: string | null;
  locked: boolean;
  expired: boolean;
}

/** A claim that keeps finding the row changing under it gives up as "in use" after this many rounds. */
const CLAIM_ROUNDS = 5;

/** The store `createServiceApp({ idempotency })` takes; see the file's comment for the lifecycle. */
export function createIdempotencyStore(options: IdempotencyStoreOptions): IdempotencyStore {
  const table = idempotencyTable(options.schema);
  const ttlMs = options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
  const lockMs = options.lockMs ?? DEFAULT_IDEMPOTENCY_LOCK_MS;
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  const { pool } = options;

  const sql = {
    insert: `INSERT INTO ${table} (scope, key_hash, organization_id, method, path, request_fingerprint, status, claim_token, locked_until, expires_at)
      VALUES ($1, $2, $3::uuid, $4, $5, $6, 'in_progress', $7::uuid,
              now() + make_interval(secs => $8::double precision / 1000), now() + make_interval(secs => $9::double precision / 1000))
      ON CONFLICT (scope, key_hash) DO NOTHING`,
    read: `SELECT request_fingerprint, status, claim_token, response_sealed, locked_until > now() AS locked, expires_at <= now() AS expired
      FROM ${table} WHERE scope = $1 AND key_hash = $2`,
    takeOver: `UPDATE ${table} SET organization_id = $3::uuid, method = $4, path = $5, request_fingerprint = $6, status = 'in_progress',
        claim_token = $7::uuid, locked_until = now() + make_interval(secs => $8::double precision / 1000),
        expires_at = now() + make_interval(secs => $9::double precision / 1000), created_at = now(),
        response_status = NULL, response_sealed = NULL, completed_at = NULL
      WHERE scope = $1 AND key_hash = $2 AND claim_token = $10::uuid
        AND (expires_at <= now() OR (status = 'in_progress' AND locked_until <= now()))`,
    store: `UPDATE ${table} SET status = 'completed', response_status = $3, response_sealed = $4, completed_at = now(), locked_until = now()
      WHERE scope = $1 AND key_hash = $2 AND claim_token = $5::uuid AND status = 'in_progress'`,
    release: `DELETE FROM ${table} WHERE scope = $1 AND key_hash = $2 AND claim_token = $3::uuid AND status = 'in_progress'`,
  };

  function claimedKey(scope: string, secrets: KeySecrets, token: string): ClaimedKey {
    const storeParameters = (response: StoredResponse) => [scope, secrets.lookup, response.status, secrets.seal(JSON.stringify(response)), token];
    return {
      async storeIn(tx, response) {
        const changed = await (tx as RawTransaction).$executeRawUnsafe(sql.store, ...storeParameters(response));
        if (changed !== 1) throw takenOver();
      },
      async store(response) {
        await pool.query(sql.store, storeParameters(response));
      },
      async release() {
        await pool.query(sql.release, [scope, secrets.lookup, token]);
      },
    };
  }

  return {
    async claim(request: IdempotentRequest): Promise<IdempotencyClaim> {
      const owner = "organizationId" in request.owner ? request.owner : undefined;
      const scope = owner ? `organization:${owner.organizationId}` : `route:${"route" in request.owner ? request.owner.route : ""}`;
      const secrets = keySecrets(request.key, scope);
      const fingerprint = secrets.fingerprint(request.material);
      const row = [scope, secrets.lookup, owner?.organizationId ?? null, request.method, request.path, fingerprint];
      for (let round = 0; round < CLAIM_ROUNDS; round += 1) {
        const token = randomUUID();
        const inserted = await pool.query(sql.insert, [...row, token, lockMs, ttlMs]);
        if (inserted.rowCount === 1) return { outcome: "claimed", key: claimedKey(scope, secrets, token) };
        const { rows } = await pool.query<KeyRow>(sql.read, [scope, secrets.lookup]);
        const existing = rows[0];
        if (!existing) continue; // released meanwhile: claim again
        if (!existing.expired) {
          if (existing.request_fingerprint !== fingerprint) return { outcome: "reused" };
          if (existing.status === "completed") return { outcome: "replay", response: JSON.parse(secrets.open(existing.response_sealed!)) as StoredResponse };
          if (existing.locked) return { outcome: "in_use", retryAfterSeconds };
        }
        // Expired, or in flight past its lock (its request crashed): take it over, unless another request just did.
        const taken = await pool.query(sql.takeOver, [...row, token, lockMs, ttlMs, existing.claim_token]);
        if (taken.rowCount === 1) return { outcome: "claimed", key: claimedKey(scope, secrets, token) };
      }
      return { outcome: "in_use", retryAfterSeconds };
    },
  };
}

function takenOver(): AppError {
  return new AppError(
    IDEMPOTENCY_KEY_IN_USE,
    "This request's Idempotency-Key was taken over by a retry (the request ran past the key's lock); nothing was done",
    409,
  );
}
