/** The registration module's error codes. */
import { AppError, conflict } from "@erp/errors";

export const EMAIL_ALREADY_REGISTERED = "EMAIL_ALREADY_REGISTERED";

/** 409 EMAIL_ALREADY_REGISTERED: an account has this email (in any letter case). */
export const emailTaken = () => conflict("An account with this email already exists", EMAIL_ALREADY_REGISTERED);

/** 502 UPSTREAM_ERROR: the registration outlasted the reconciler's wait, which settled it meanwhile. */
export const registrationTakenOver = () => new AppError("UPSTREAM_ERROR", "The registration did not complete in time", 502);
