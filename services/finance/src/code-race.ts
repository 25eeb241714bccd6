/**
 * A create or change that lost a race for a code (an account code): both checked that no
 * record had it, the other committed first, and the unique index on the normalised code refused
 * this one. The 409 still names the record that won, looked up in a transaction of its own (the
 * failed one is gone).
 */
import { inTransaction, isUniqueViolation } from "@erp/db";
import type { AppError } from "@erp/errors";
import type { OrganizationId, Scope } from "@erp/scope";
import type { FinanceDb, Tx } from "./db";

export interface CodeRace<Holder> {
  /** The code the write wanted; undefined when it did not set one (then no race over it). */
  code: string | undefined;
  /** The record that has `code` now (ignoring case and surrounding whitespace), if any. */
  findHolder: (tx: Tx, organizationId: OrganizationId, code: string) => Promise<Holder | undefined>;
  /** The 409 naming `holder`. */
  taken: (holder: Holder) => AppError;
}

/**
 * Rethrows `err`, as the 409 naming the holder of `race.code` when `err` is a unique violation and
 * a record has that code; unchanged otherwise. Use as `inTransaction(...).catch((err) => rethrowCodeRace(db, scope, err, race))`.
 */
export async function rethrowCodeRace<Holder>(db: FinanceDb, scope: Scope, err: unknown, race: CodeRace<Holder>): Promise<never> {
  const { code } = race;
  if (code !== undefined && isUniqueViolation(err)) {
    const holder = await inTransaction(db, scope, (tx) => race.findHolder(tx, scope.organizationId, code));
    if (holder) throw race.taken(holder);
  }
  throw err;
}
