/** The invitations module's errors; unknown roles and departments are those modules' codes. */
import { conflict, invalidState, notFound } from "@erp/errors";

export const ALREADY_MEMBER = "ALREADY_MEMBER";

/** 409 ALREADY_MEMBER: the email belongs to a member of the organization, or to someone invited already. */
export const alreadyMember = (email: string, status: string) =>
  conflict(`${email} is already ${status === "invited" ? "invited" : "a member"}`, ALREADY_MEMBER);

/** 409 ALREADY_MEMBER: the email has a pending invitation. */
export const alreadyInvited = (email: string) => conflict(`${email} already has a pending invitation`, ALREADY_MEMBER);

/** 404 NOT_FOUND: no invitation has the token, or it expired, was used or was revoked; which one is not said. */
export const invalidInvitation = () => notFound("Invitation (or it expired, was used or revoked)");

/** 409 INVALID_STATE: only a pending invitation can be revoked. */
export const invitationNotPending = (status: string) => invalidState(`An ${status} invitation cannot be revoked`);

/** 409 INVALID_STATE: accepting does not undo a deactivation. */
export const membershipDeactivated = () => invalidState("The membership was deactivated; an admin must reactivate it");
