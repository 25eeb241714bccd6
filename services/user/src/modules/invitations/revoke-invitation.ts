/** Revokes a pending invitation, and the `invited` membership it made for an existing account. */
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { invitationRevoked, OUTBOX_SCHEMA } from "../../events";
import { membershipRepository } from "../members/membership.repository";
import { invitationNotPending } from "./invitation.errors";
import { invitationRepository } from "./invitation.repository";
import { toInvitationDto, type InvitationDto } from "./invitation.schemas";

/** @throws AppError 404 NOT_FOUND, 409 INVALID_STATE unless pending */
export async function revokeInvitation(tx: Tx, scope: Scope, input: { id: string }): Promise<InvitationDto> {
  const { organizationId } = scope;
  const { id } = input;
  const invitations = invitationRepository(tx);
  const current = await invitations.find(organizationId, id);
  if (!current) throw notFound("Invitation");
  if (current.status !== "pending") throw invitationNotPending(current.status);
  const invitation = await invitations.revoke(organizationId, id);
  await membershipRepository(tx).deleteInvited(organizationId, current.email);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: invitationRevoked,
    organizationId,
    aggregateType: "invitation",
    aggregateId: id,
    actor: scope.actor,
    data: { invitationId: id, email: current.email },
  });
  return toInvitationDto(invitation);
}
