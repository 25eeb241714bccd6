/**
 * Accepts an invitation: uses it up (exactly once, even under concurrent accepts) and makes the
 * user an active member with the invited roles. Answers what auth puts in the first token.
 */
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { invitationAccepted, OUTBOX_SCHEMA } from "../../events";
import type { Invitation } from "../../generated/prisma/client";
import { authorizationOf, type Authorization } from "../members/authorization";
import { membershipRepository } from "../members/membership.repository";
import { setMemberStatus } from "../members/set-member-status";
import { resolveRoles } from "../roles/resolve-roles";
import { invalidInvitation, membershipDeactivated } from "./invitation.errors";
import { invitationRepository } from "./invitation.repository";

export interface AcceptInvitationInput {
  /** Found by its token (`findValidInvitation`), which is how the scope's organization is known. */
  invitationId: string;
  /** The accepting account, which auth has created or authenticated. */
  userId: string;
  name: string;
}

/**
 * `scope`: the invitation's organization, with the accepting user as the actor.
 * @throws AppError 404 NOT_FOUND when the invitation is no longer pending and unexpired, 409
 *   INVALID_STATE when the user's membership was deactivated
 */
export async function acceptInvitation(tx: Tx, scope: Scope, input: AcceptInvitationInput): Promise<Authorization & { organizationId: string }> {
  const { organizationId } = scope;
  const invitations = invitationRepository(tx);
  if (!(await invitations.accept(organizationId, input.invitationId, input.userId, new Date()))) throw invalidInvitation();
  const invitation = (await invitations.find(organizationId, input.invitationId))!;
  await activateInvitedMember(tx, scope, invitation, input);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: invitationAccepted,
    organizationId,
    aggregateType: "invitation",
    aggregateId: invitation.id,
    actor: scope.actor,
    data: { invitationId: invitation.id, email: invitation.email, userId: input.userId },
  });
  return { organizationId, ...(await authorizationOf(tx, organizationId, input.userId))! };
}

async function activateInvitedMember(tx: Tx, scope: Scope, invitation: Invitation, user: { userId: string; name: string }): Promise<void> {
  const { organizationId } = scope;
  const members = membershipRepository(tx);
  let member = await members.find(organizationId, user.userId);
  if (member?.status === "active") return;
  if (member?.status === "deactivated") throw membershipDeactivated();
  if (!member) {
    const roles = await resolveRoles(tx, organizationId, invitation.roles);
    member = await members.create(
      organizationId,
      { userId: user.userId, email: invitation.email, name: user.name, status: "invited", departmentId: invitation.departmentId },
      roles.map((role) => role.id),
    );
  }
  await setMemberStatus(tx, scope, { member, status: "active" });
}
