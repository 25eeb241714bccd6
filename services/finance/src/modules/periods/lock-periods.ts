/** Moves the lock date forward: from then on nothing is posted or reversed on or before it. */
import { periodLocked as periodLockedEvent } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { lockInFuture, lockNotForward } from "./period.errors";
import { periodRepository } from "./period.repository";
import type { LockInput, LockStateDto } from "./period.schemas";

/** Today in UTC, `YYYY-MM-DD`. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * Locks the books through `lockedThrough`, recorded in the history, with `finance.period.locked`.
 * Holds the ledger chain row meanwhile, so no posting is half-way through on a date it locks.
 * @throws AppError 422 LOCK_NOT_FORWARD (not after the current lock date), LOCK_IN_FUTURE
 */
export async function lockPeriods(tx: Tx, scope: Scope, input: LockInput): Promise<LockStateDto> {
  const { organizationId } = scope;
  const periods = periodRepository(tx);
  await periods.lockLedger(organizationId);
  const previous = await periods.lockedThrough(organizationId);
  if (previous !== null && input.lockedThrough <= previous) throw lockNotForward(previous);
  const today = todayUtc();
  if (input.lockedThrough > today) throw lockInFuture(today);
  await moveLockForward(tx, scope, previous, input.lockedThrough, null);
  return { lockedThrough: input.lockedThrough };
}

/**
 * Writes a forward move of the lock date (already checked) with its history row and event; the
 * year-end close uses it too, with its reason. The caller holds the ledger chain row.
 */
export async function moveLockForward(tx: Tx, scope: Scope, previous: string | null, lockedThrough: string, reason: string | null): Promise<void> {
  const { organizationId } = scope;
  await periodRepository(tx).moveLock(organizationId, { action: "lock", lockedThrough, previousLockedThrough: previous, reason, actor: scope.actor });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: periodLockedEvent,
    organizationId,
    aggregateType: "ledger",
    aggregateId: organizationId,
    actor: scope.actor,
    data: { lockedThrough, previousLockedThrough: previous },
  });
}
