/** The pipelines module's errors. */
import { conflict, unprocessable, type AppError } from "@erp/errors";
import { takenBy } from "../../taken";

export const STAGE_IN_USE = "STAGE_IN_USE";
export const PIPELINE_IN_USE = "PIPELINE_IN_USE";
export const STAGES_INCOMPLETE = "STAGES_INCOMPLETE";
export const STAGE_ORDER_MISMATCH = "STAGE_ORDER_MISMATCH";
export const PROBABILITY_REQUIRED = "PROBABILITY_REQUIRED";

/** 409 CONFLICT: another pipeline has the name (ignoring case); `details[0].existing` is its id. */
export const pipelineNameTaken = (existing: { id: string; name: string }): AppError =>
  takenBy(`A pipeline named ${existing.name} exists`, "name", existing.id);

/** 409 CONFLICT: another stage of the pipeline has the name (ignoring case). */
export const stageNameTaken = (existing: { id: string; name: string }): AppError =>
  takenBy(`The pipeline has a stage named ${existing.name}`, "name", existing.id);

/** 409 STAGE_IN_USE: opportunities are in the stage; `moveTo` moves them first. */
export const stageInUse = (count: number): AppError =>
  conflict(`${count} opportunit${count === 1 ? "y is" : "ies are"} in the stage: give moveTo to move them to another stage first`, STAGE_IN_USE);

/** 409 PIPELINE_IN_USE: opportunities are in the pipeline, or it is the default. */
export const pipelineInUse = (message: string): AppError => conflict(message, PIPELINE_IN_USE);

/** 422 STAGES_INCOMPLETE: a pipeline needs at least one open, one won and one lost stage. */
export const stagesIncomplete = (missing: string[], path = "stages"): AppError =>
  unprocessable(STAGES_INCOMPLETE, `A pipeline needs at least one ${missing.join(", ")} stage`, [
    { path, message: `No ${missing.join(", ")} stage would be left` },
  ]);

/** 422 STAGE_ORDER_MISMATCH: the new order must list every stage of the pipeline once. */
export const stageOrderMismatch = (): AppError =>
  unprocessable(STAGE_ORDER_MISMATCH, "List every stage of the pipeline exactly once", [
    { path: "stageIds", message: "Must be the pipeline's stage ids, each once" },
  ]);

/** 422 PROBABILITY_REQUIRED: an open stage needs its probability. */
export const probabilityRequired = (path: string): AppError =>
  unprocessable(PROBABILITY_REQUIRED, "An open stage needs a win probability", [{ path, message: "Required for an open stage" }]);

/** 422 (VALIDATION_FAILED-like) when a won/lost stage is given another probability than 100/0. */
export const probabilityFixed = (path: string, kind: "won" | "lost"): AppError =>
  unprocessable("PROBABILITY_FIXED", `A ${kind} stage's probability is ${kind === "won" ? 100 : 0}`, [
    { path, message: `Must be ${kind === "won" ? 100 : 0} for a ${kind} stage` },
  ]);
