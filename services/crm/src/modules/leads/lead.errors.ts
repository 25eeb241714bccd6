/** The leads module's errors. */
import { invalidState, type AppError } from "@erp/errors";

/** 409 INVALID_STATE: the lead's status does not allow the action. */
export const leadStatusForbids = (status: string, action: string): AppError => invalidState(`A ${status} lead cannot be ${action}`);
