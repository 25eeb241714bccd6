/** The opportunities module's errors. */
import { invalidState, unprocessable, type AppError } from "@erp/errors";

export const LOST_REASON_REQUIRED = "LOST_REASON_REQUIRED";
export const STAGE_KIND_MISMATCH = "STAGE_KIND_MISMATCH";

/** 409 INVALID_STATE: the opportunity is in the stage already. */
export const alreadyInStage = (): AppError => invalidState("The opportunity is in that stage already");

/** 422 LOST_REASON_REQUIRED: moving to a lost stage says why. */
export const lostReasonRequired = (): AppError =>
  unprocessable(LOST_REASON_REQUIRED, "Say why the opportunity was lost", [{ path: "lostReason", message: "Required for a lost stage" }]);

/** 422 STAGE_KIND_MISMATCH: the stage given is not of the kind the action needs. */
export const stageKindMismatch = (kind: "open" | "won" | "lost", path = "stageId"): AppError =>
  unprocessable(STAGE_KIND_MISMATCH, `The stage must be a ${kind} stage`, [{ path, message: `Not a ${kind} stage` }]);
