/**
 * A member deactivated in the users service loses their sessions here even when the users
 * service's call to revoke them failed: the event is in its outbox in the deactivation's
 * transaction, so it arrives whatever happened to the call, and revoking is idempotent (after the
 * call, nothing is left to revoke or announce).
 */
import { membershipDeactivated } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import { serviceScope } from "@erp/scope";
import type { Tx } from "../database";
import type { RevocationDeps } from "../modules/sessions/announce-revocation";
import { revokeMemberSessions } from "../modules/sessions/revoke-member-sessions";

/**
 * How much later than the event's `occurredAt` a session may have started and still be ended: a
 * login while the deactivation was committing saw an active member, and the services' clocks may
 * differ a little. A session started after a reactivation (which comes after the commit) is older
 * than this by then, unless the event is handled within seconds of a reactivation, when the member
 * signs in again.
 */
export const SESSION_START_MARGIN_MS = 5_000;

/** `user.membership.deactivated` → the member's sessions in that organization end, in the consumer's transaction. */
export const memberDeactivatedHandler = (deps: RevocationDeps) =>
  eventHandler(membershipDeactivated, async (event, tx: Tx) => {
    const scope = serviceScope(event.organizationId, "auth");
    const sessionsStartedBefore = new Date(Date.parse(event.occurredAt) + SESSION_START_MARGIN_MS);
    await revokeMemberSessions(tx, scope, { userId: event.data.userId, sessionsStartedBefore }, deps);
  });
