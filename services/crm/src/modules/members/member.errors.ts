/** The members module's errors. */
import { unprocessable, type AppError } from "@erp/errors";

export const NOT_AN_ACTIVE_MEMBER = "NOT_AN_ACTIVE_MEMBER";

/** 422 NOT_AN_ACTIVE_MEMBER: records are given only to active members of the organization. */
export const notAnActiveMember = (path: string): AppError =>
  unprocessable(NOT_AN_ACTIVE_MEMBER, "Records can be given only to active members of the organization", [
    { path, message: "Not an active member of the organization" },
  ]);
