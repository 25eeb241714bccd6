/** The activities module's errors. */
import { invalidState, unprocessable, type AppError } from "@erp/errors";

export const NOT_A_TASK = "NOT_A_TASK";

/** 422 NOT_A_TASK: only tasks fall due, are assigned, completed and reopened. */
export const notATask = (path = ""): AppError =>
  unprocessable(NOT_A_TASK, "Only tasks have a due time, an assignee and a done state", [{ path, message: "The activity is not a task" }]);

/** 409 INVALID_STATE */
export const taskAlready = (state: "done" | "open"): AppError => invalidState(`The task is ${state} already`);
