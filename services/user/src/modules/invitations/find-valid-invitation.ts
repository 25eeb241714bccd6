/**
 * A valid (pending, unexpired) invitation by its accept token, in whichever organization it is.
 * Not scoped to an organization (the token is how its organization is learnt): it runs in a plain
 * transaction, which the repository declares to be the token's.
 */
import type { Tx } from "../../db";
import type { Invitation } from "../../generated/prisma/client";
import { hashInvitationToken } from "./invitation-token";
import { invalidInvitation } from "./invitation.errors";
import { invitationRepository } from "./invitation.repository";

/** @throws AppError 404 NOT_FOUND for an unknown token, or an invitation expired, used or revoked */
export async function findValidInvitation(tx: Tx, input: { token: string }): Promise<Invitation> {
  const invitation = await invitationRepository(tx).findByTokenHash(hashInvitationToken(input.token));
  if (!invitation || invitation.status !== "pending" || invitation.expiresAt <= new Date()) throw invalidInvitation();
  return invitation;
}
