/**
 * Invites an email with roles. Inviting someone who already has an account adds an `invited`
 * membership at once (it becomes active on accepting); for a new email the membership is made on
 * accepting, when auth has created the account. Answers the accept token, once.
 */
import { uuidv7 } from "@erp/db";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { AuthIdentity } from "../../clients/auth-client";
import type { Tx } from "../../db";
import { invitationCreated, OUTBOX_SCHEMA } from "../../events";
import { checkDepartment } from "../departments/check-department";
import { membershipRepository } from "../members/membership.repository";
import { checkOwnershipTransfer } from "../members/ownership";
import { resolveRoles } from "../roles/resolve-roles";
import { alreadyInvited, alreadyMember } from "./invitation.errors";
import { invitationRepository } from "./invitation.repository";
import { hashInvitationToken, newInvitationToken } from "./invitation-token";
import { normalizeEmail, toInvitationDto, type CreatedInvitationDto, type CreateInvitationInput } from "./invitation.schemas";

export interface InviteMemberInput extends CreateInvitationInput {
  /**
   * The account auth has for the (normalised) email, or null for a new email. Looked up by the
   * caller before the transaction: no database transaction waits on another service.
   */
  invitee: AuthIdentity | null;
  /** Whether the actor holds users.ownership.transfer, needed to invite as owner. */
  mayTransferOwnership: boolean;
  /** How long the token is valid, in seconds. */
  ttlSeconds: number;
}

/** @throws AppError 403 FORBIDDEN (owner), 422 UNKNOWN_ROLE, 422 UNKNOWN_DEPARTMENT, 409 ALREADY_MEMBER */
export async function inviteMember(tx: Tx, scope: Scope, input: InviteMemberInput): Promise<CreatedInvitationDto> {
  const { organizationId, actor } = scope;
  const { invitee } = input;
  const email = normalizeEmail(input.email);
  const roleNames = [...new Set(input.roles)].sort();
  if (roleNames.includes("owner")) checkOwnershipTransfer(input.mayTransferOwnership);
  const roles = await resolveRoles(tx, organizationId, roleNames);
  await checkDepartment(tx, organizationId, input.departmentId);

  const members = membershipRepository(tx);
  const invitations = invitationRepository(tx);
  const member = (invitee && (await members.find(organizationId, invitee.id))) || (await members.findByEmail(organizationId, email));
  if (member) throw alreadyMember(email, member.status);
  const now = new Date();
  if ((await invitations.countPendingFor(organizationId, email, now)) > 0) throw alreadyInvited(email);

  const token = newInvitationToken();
  const invitation = await invitations.create(organizationId, {
    id: uuidv7(),
    email,
    roles: roleNames,
    departmentId: input.departmentId ?? null,
    tokenHash: hashInvitationToken(token),
    invitedBy: actor.id,
    expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000),
  });
  if (invitee) {
    await members.create(
      organizationId,
      { userId: invitee.id, email, name: invitee.name, status: "invited", departmentId: input.departmentId ?? null },
      roles.map((role) => role.id),
    );
  }
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: invitationCreated,
    organizationId,
    aggregateType: "invitation",
    aggregateId: invitation.id,
    actor,
    data: { invitationId: invitation.id, email, roles: roleNames, invitedBy: actor.id, expiresAt: invitation.expiresAt.toISOString() },
  });
  return { ...toInvitationDto(invitation), token };
}
