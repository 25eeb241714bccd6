/**
 * The lock date's one rule, for every path that writes to the ledger (post, reverse, the closing
 * entry): nothing is posted on or before it.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { periodLocked } from "./period.errors";
import { periodRepository } from "./period.repository";

/**
 * Refuses `date` (`YYYY-MM-DD`) when it is on or before the organization's lock date. Call it
 * after taking the ledger chain row (FOR UPDATE), as posting does: lock moves take that row too,
 * so the lock date read here cannot move before the posting commits.
 * @throws AppError 422 PERIOD_LOCKED, its detail on `path` (default `date`)
 */
export async function assertPeriodOpen(tx: Tx, scope: Scope, date: string, path = "date"): Promise<void> {
  assertDateOpen(date, await periodRepository(tx).lockedThrough(scope.organizationId), path);
}

/**
 * The same rule for a caller that read the lock date itself (`period_locks.locked_through`, null
 * when nothing is locked), e.g. in the statement that takes the chain row: one round trip less
 * while the organization's postings wait.
 * @throws AppError 422 PERIOD_LOCKED, its detail on `path` (default `date`)
 */
export function assertDateOpen(date: string, lockedThrough: string | null, path = "date"): void {
  if (lockedThrough !== null && date <= lockedThrough) throw periodLocked(date, lockedThrough, path);
}
