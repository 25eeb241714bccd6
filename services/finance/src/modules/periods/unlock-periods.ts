/** Moves the lock date back, or lifts it: its own permission, a reason, and a line in the history. */
import { periodUnlocked } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { fiscalYearClosed, nothingLocked, unlockNotBackward } from "./period.errors";
import { dateOf, periodRepository } from "./period.repository";
import type { LockStateDto, UnlockInput } from "./period.schemas";

/**
 * Opens the books again after `lockedThrough` (null: entirely), recording who, when and why, with
 * `finance.period.unlocked`. A closed fiscal year stays locked: its earnings were moved to
 * retained earnings, and a posting into it would leave them behind.
 * @throws AppError 409 INVALID_STATE (nothing is locked); 422 UNLOCK_NOT_BACKWARD (not before the
 *   current lock date), FISCAL_YEAR_CLOSED (before the end of the latest closed fiscal year)
 */
export async function unlockPeriods(tx: Tx, scope: Scope, input: UnlockInput): Promise<LockStateDto> {
  const { organizationId } = scope;
  const periods = periodRepository(tx);
  await periods.lockLedger(organizationId);
  const previous = await periods.lockedThrough(organizationId);
  if (previous === null) throw nothingLocked();
  if (input.lockedThrough !== null && input.lockedThrough >= previous) throw unlockNotBackward(previous);
  const closing = await periods.latestClosing(organizationId);
  if (closing) {
    const end = dateOf(closing.entry.entryDate);
    if (input.lockedThrough === null || input.lockedThrough < end) throw fiscalYearClosed(closing.fiscalYear, end);
  }
  await periods.moveLock(organizationId, {
    action: "unlock",
    lockedThrough: input.lockedThrough,
    previousLockedThrough: previous,
    reason: input.reason,
    actor: scope.actor,
  });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: periodUnlocked,
    organizationId,
    aggregateType: "ledger",
    aggregateId: organizationId,
    actor: scope.actor,
    data: { lockedThrough: input.lockedThrough, previousLockedThrough: previous, reason: input.reason },
  });
  return { lockedThrough: input.lockedThrough };
}
