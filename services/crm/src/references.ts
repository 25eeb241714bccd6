/** The 422 of a body that points at a record the organization does not have. */
import { unprocessable, type AppError } from "@erp/errors";

export const UNKNOWN_REFERENCE = "UNKNOWN_REFERENCE";

/** 422 UNKNOWN_REFERENCE: `path` names no `what` of the organization. */
export const unknownReference = (path: string, what: string): AppError =>
  unprocessable(UNKNOWN_REFERENCE, `No such ${what}`, [{ path, message: `No such ${what} in the organization` }]);
