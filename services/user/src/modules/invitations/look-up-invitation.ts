/** What auth needs to know about an invitation before accepting it, without using it up. */
import type { Tx } from "../../db";
import { findValidInvitation } from "./find-valid-invitation";

/** Runs in a plain transaction (see findValidInvitation). @throws AppError 404 NOT_FOUND */
export async function lookUpInvitation(tx: Tx, input: { token: string }) {
  const invitation = await findValidInvitation(tx, input);
  return { invitationId: invitation.id, organizationId: invitation.organizationId, email: invitation.email, roles: invitation.roles };
}
