/** The members module's errors. */
import { unprocessable, type AppError } from "@erp/errors";

export const NOT_AN_ACTIVE_MEMBER = "NOT_AN_ACTIVE_MEMBER";

/** 422 NOT_AN_ACTIVE_MEMBER: records are given only to active members of the organization. */
export const notAnActiveMember = (path: string): AppError =>
  unprocessable(NOT_AN_ACTIVE_MEMBER, "Records can be given only to active members of the organization", [
    { path, message: "Not an active member of the organization" },
  ]);

/**
 * The answers of a route that gives records to owners or assignees when one is a user the CRM has
 * no record of and the users service must be asked (learnMembers) but cannot answer.
 */
export const directoryUnavailable = {
  503: { description: "An owner or assignee the CRM has no record of must be looked up, and the users service is unavailable", codes: ["UPSTREAM_UNAVAILABLE"] },
  504: { description: "An owner or assignee the CRM has no record of must be looked up, and the users service did not answer in time", codes: ["UPSTREAM_TIMEOUT"] },
};
