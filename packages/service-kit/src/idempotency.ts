/** Idempotency-Keys for every service: its store, the check that it has the table, and the pruning. */
import type { Database, PrismaClientLike } from "@erp/db";
import type { IdempotencyStore, RouteEntry } from "@erp/http-kit";
import { createIdempotencyStore, hasIdempotencyKeys, pruneIdempotencyKeys } from "@erp/idempotency";
import type { Logger } from "@erp/logging";
import type { BackgroundTask } from "./descriptor";
import { every } from "./every";

/**
 * The service's Idempotency-Key store (`context.idempotency`, for `createServiceApp({ idempotency })`):
 * keys in `<schema>.idempotency_keys`, kept 24 hours.
 */
export function serviceIdempotency<Client extends PrismaClientLike>(db: Database<Client>, schema: string): IdempotencyStore {
  return createIdempotencyStore({ pool: db.pool, schema });
}

/**
 * Prunes expired keys every `intervalMs` when the schema has the table; when it has not but a route
 * is idempotent, the start fails here rather than the route's first request.
 * @throws Error naming the migration line to add
 */
export async function startIdempotencyHousekeeping(options: {
  /** The service's pool (`db.pool`). */
  pool: Database<PrismaClientLike>["pool"];
  schema: string;
  routes: readonly RouteEntry[];
  intervalMs: number;
  logger: Logger;
}): Promise<BackgroundTask | undefined> {
  const { pool, schema, logger } = options;
  if (!(await hasIdempotencyKeys(pool, schema))) {
    const idempotent = options.routes.filter((route) => route.idempotent);
    if (idempotent.length === 0) return undefined;
    throw new Error(
      `${idempotent.map((route) => `${route.method.toUpperCase()} ${route.path}`).join(", ")} take Idempotency-Key but schema ${schema} ` +
        `has no idempotency_keys table: add a migration with SELECT public.app_create_idempotency_keys('${schema}');`,
    );
  }
  return every(
    options.intervalMs,
    async () => {
      const pruned = await pruneIdempotencyKeys(pool, schema);
      if (pruned > 0) logger.info("expired idempotency keys pruned", { schema, keys: pruned });
    },
    { logger, failure: "pruning expired idempotency keys failed" },
  );
}
