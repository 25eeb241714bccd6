/** The transaction a route's use case runs in, and the one place a unique violation becomes a 409. */
import { conflict as conflictError, type AppError } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Database, PrismaClientLike, TransactionClient, TransactionOptions } from "./database";
import { isUniqueViolation } from "./errors";

export interface InTransactionOptions {
  /**
   * What a unique violation means to the client: the message of a 409 CONFLICT
   * (`"The SKU is taken"`), or a function building the error (another code, details). Without it
   * the violation propagates and the error handler answers its generic 409.
   */
  conflict?: string | ((err: unknown) => AppError);
  /** Passed to the transaction: timeouts, isolation level. */
  transaction?: TransactionOptions;
}

/**
 * Runs `fn` in one transaction scoped to `scope.organizationId` (RLS sees only its rows) and
 * returns what it returns. Everything `fn` writes, events in the outbox included, commits together
 * or, when it throws, not at all. Use cases take the transaction it hands over, so an event
 * consumer can run the same use case inside the transaction `applyOnce` gives it.
 * @throws AppError 409 (CONFLICT unless `options.conflict` says otherwise) when a unique constraint
 *   is violated and `options.conflict` is given; whatever `fn` throws otherwise.
 */
export async function inTransaction<C extends PrismaClientLike, T>(
  db: Database<C>,
  scope: Scope,
  fn: (tx: TransactionClient<C>) => Promise<T>,
  options: InTransactionOptions = {},
): Promise<T> {
  try {
    return await db.withOrganization(scope.organizationId, fn, options.transaction);
  } catch (err) {
    const { conflict } = options;
    if (conflict === undefined || !isUniqueViolation(err)) throw err;
    throw typeof conflict === "string" ? conflictError(conflict) : conflict(err);
  }
}
