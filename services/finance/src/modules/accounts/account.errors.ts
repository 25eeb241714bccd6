/** The chart of accounts' errors. */
import { conflict, invalidState, unprocessable, type AppError } from "@erp/errors";
import { codeTaken } from "../../codes";

export const UNKNOWN_PARENT = "UNKNOWN_PARENT";
export const PARENT_NOT_GROUP = "PARENT_NOT_GROUP";
export const PARENT_TYPE_MISMATCH = "PARENT_TYPE_MISMATCH";
export const PARENT_ARCHIVED = "PARENT_ARCHIVED";
export const ACCOUNT_CYCLE = "ACCOUNT_CYCLE";
export const SUBTYPE_NOT_ALLOWED = "SUBTYPE_NOT_ALLOWED";
export const ACCOUNT_HAS_POSTINGS = "ACCOUNT_HAS_POSTINGS";
export const ACCOUNT_HAS_CHILDREN = "ACCOUNT_HAS_CHILDREN";
export const ACCOUNT_BALANCE_NOT_ZERO = "ACCOUNT_BALANCE_NOT_ZERO";
export const ACCOUNT_HAS_ACTIVE_CHILDREN = "ACCOUNT_HAS_ACTIVE_CHILDREN";

/** 409 CONFLICT naming the account that has the code (in any case); `details[0].existing` is `{ id, code }`. */
export const accountCodeTaken = (holder: { id: string; code: string }): AppError => codeTaken("Account", holder);

/** 422 UNKNOWN_PARENT */
export const unknownParent = () => unprocessable(UNKNOWN_PARENT, "The parent account does not exist", [{ path: "parentId", message: "No such account" }]);

/** 422 PARENT_NOT_GROUP: only group accounts hold others. */
export const parentNotGroup = (code: string) =>
  unprocessable(PARENT_NOT_GROUP, `Account ${code} is not a group account`, [{ path: "parentId", message: "Must be a group account" }]);

/** 422 PARENT_TYPE_MISMATCH: an account sits under a group of its own type. */
export const parentTypeMismatch = (parentType: string, type: string) =>
  unprocessable(PARENT_TYPE_MISMATCH, `A ${type} account cannot sit under a ${parentType} group`, [
    { path: "parentId", message: `Must be a ${type} group` },
  ]);

/** 422 PARENT_ARCHIVED */
export const parentArchived = (code: string) =>
  unprocessable(PARENT_ARCHIVED, `The parent account ${code} is archived`, [{ path: "parentId", message: "Archived" }]);

/** 422 ACCOUNT_CYCLE: the new parent is the account itself or one of its descendants. */
export const accountCycle = () =>
  unprocessable(ACCOUNT_CYCLE, "An account cannot move under itself or one of its descendants", [
    { path: "parentId", message: "Is the account or one of its descendants" },
  ]);

/** 422 SUBTYPE_NOT_ALLOWED */
export const subtypeNotAllowed = (subtype: string, type: string, allowed: readonly string[]) =>
  unprocessable(SUBTYPE_NOT_ALLOWED, `Subtype ${subtype} is for ${allowed.join(" or ")} accounts, not ${type}`, [
    { path: "subtype", message: `Not allowed for a ${type} account` },
  ]);

/** 422 ACCOUNT_HAS_POSTINGS: type, currency or group status cannot change once the account has postings. */
export const accountHasPostings = (field: string) =>
  unprocessable(ACCOUNT_HAS_POSTINGS, `The account has postings: its ${field} cannot change`, [{ path: field, message: "The account has postings" }]);

/** 422 ACCOUNT_HAS_CHILDREN */
export const accountHasChildren = (field: string) =>
  unprocessable(ACCOUNT_HAS_CHILDREN, `The account holds other accounts: its ${field} cannot change`, [
    { path: field, message: "The account holds other accounts" },
  ]);

/** 422 ACCOUNT_BALANCE_NOT_ZERO: only an account whose balance is zero (in every currency) can be archived. */
export const accountBalanceNotZero = (balance: string, currency: string) =>
  unprocessable(ACCOUNT_BALANCE_NOT_ZERO, `The account's balance is ${balance} ${currency}: it must be zero to archive it`);

/** 422 ACCOUNT_HAS_ACTIVE_CHILDREN */
export const accountHasActiveChildren = () =>
  unprocessable(ACCOUNT_HAS_ACTIVE_CHILDREN, "The group holds active accounts: archive or move them first");

/** 409 INVALID_STATE */
export const accountAlreadyArchived = () => invalidState("The account is already archived");
/** 409 INVALID_STATE */
export const accountNotArchived = () => invalidState("The account is not archived");

/** 409 CONFLICT: the account cannot be deleted; archive it instead. */
export const accountInUse = (why: string) => conflict(`The account ${why}; archive it instead`);
