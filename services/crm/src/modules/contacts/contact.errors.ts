/** The contacts module's errors. */
import { conflict, invalidState, unprocessable, type AppError } from "@erp/errors";
import { takenBy } from "../../taken";

export const CONTACT_IN_USE = "CONTACT_IN_USE";
export const MERGE_INTO_ITSELF = "MERGE_INTO_ITSELF";

/** 409 CONFLICT: an active contact of the organization has the address; `details[0].existing.id` is it. */
export const emailTaken = (path: string, contactId: string): AppError => takenBy("Another contact has this email address", path, contactId);

/** 409 INVALID_STATE: the contact was merged into another; it is read-only (its id redirects). */
export const contactMerged = (intoId: string): AppError => invalidState(`The contact was merged into ${intoId}: change that one`);

/** 409 CONTACT_IN_USE: opportunities refer to it. */
export const contactInUse = (count: number): AppError => conflict(`${count} opportunit${count === 1 ? "y refers" : "ies refer"} to the contact`, CONTACT_IN_USE);

/** 422 MERGE_INTO_ITSELF */
export const mergeIntoItself = (): AppError =>
  unprocessable(MERGE_INTO_ITSELF, "A contact cannot be merged into itself", [{ path: "intoId", message: "Must be another contact" }]);
