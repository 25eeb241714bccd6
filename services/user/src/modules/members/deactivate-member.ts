/**
 * Ends a member's access: the status stops every refresh at once (auth asks at each one), and
 * once that has committed their sessions are revoked in auth, which ends their access tokens too
 * (auth.session.revoked reaches every verifier within a second). The revocation is sure because
 * auth also consumes `user.membership.deactivated`, written in the deactivation's transaction.
 */
import type { Logger } from "@erp/logging";
import type { Scope } from "@erp/scope";
import type { AuthClient } from "../../clients/auth-client";
import type { Tx } from "../../db";
import { findMember } from "./find-member";
import { memberAlreadyDeactivated } from "./member.errors";
import { isOwner, membershipRepository } from "./membership.repository";
import type { MemberDto } from "./member.schemas";
import { checkAnotherOwnerRemains, checkOwnershipTransfer } from "./ownership";
import { setMemberStatus } from "./set-member-status";

/**
 * The transactional part; the caller revokes the sessions after commit (`revokeSessionsOfDeactivated`).
 * `mayTransferOwnership`: whether the actor holds users.ownership.transfer, needed to deactivate an owner.
 * @throws AppError 404 NOT_FOUND, 409 INVALID_STATE when already deactivated, 403 FORBIDDEN (an
 *   owner), 422 LAST_OWNER
 */
export async function deactivateMember(tx: Tx, scope: Scope, input: { userId: string; mayTransferOwnership: boolean }): Promise<MemberDto> {
  const { organizationId } = scope;
  await membershipRepository(tx).lockOwners(organizationId);
  const current = await findMember(tx, organizationId, input.userId);
  if (current.status === "deactivated") throw memberAlreadyDeactivated();
  if (isOwner(current)) {
    checkOwnershipTransfer(input.mayTransferOwnership);
    await checkAnotherOwnerRemains(tx, organizationId, current);
  }
  return setMemberStatus(tx, scope, { member: current, status: "deactivated" });
}

/**
 * Revokes a deactivated member's sessions in auth; call it once the deactivation committed. It
 * makes the revocation immediate; when it fails, auth still ends the sessions from the
 * `user.membership.deactivated` event (within seconds; revoking twice is harmless), so a failure is
 * logged rather than thrown.
 */
export async function revokeSessionsOfDeactivated(deps: { auth: AuthClient; logger: Logger }, scope: Scope, userId: string): Promise<void> {
  await deps.auth.revokeSessions(userId, scope.organizationId).catch((err: unknown) =>
    deps.logger.warn("revoking a deactivated member's sessions failed; auth ends them from the membership-deactivated event", {
      userId,
      error: err instanceof Error ? err.message : String(err),
    }),
  );
}
