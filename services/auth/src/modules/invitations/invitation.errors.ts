/** The invitations module's errors. */
import { badRequest, notFound, type ErrorDetail } from "@erp/errors";

/** 404 NOT_FOUND: the token is unknown, or the invitation expired, was used or revoked (which, is not said). */
export const invalidInvitation = () => notFound("Invitation (or it expired, was used or revoked)");

/** 400 VALIDATION_FAILED: a new account's password or name, with registration's details. */
export const newAccountInvalid = (details: ErrorDetail[]) => badRequest("Request body is invalid", details);
