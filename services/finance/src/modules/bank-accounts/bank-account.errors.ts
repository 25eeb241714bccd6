/** The bank module's error codes and builders. */
import { invalidState, unprocessable } from "@erp/errors";

export const BANK_ACCOUNT_ARCHIVED = "BANK_ACCOUNT_ARCHIVED";
export const UNKNOWN_BANK_ACCOUNT = "UNKNOWN_BANK_ACCOUNT";
export const BANK_GROUP_MISSING = "BANK_GROUP_MISSING";

export const bankAccountArchived = () => invalidState("The bank account is archived");

/** 422 UNKNOWN_BANK_ACCOUNT: the bank account named by `path` is not the organization's. */
export const unknownBankAccount = (path: string) =>
  unprocessable(UNKNOWN_BANK_ACCOUNT, "The bank account does not exist", [{ path, message: "No such bank account" }]);

/** 422 BANK_ACCOUNT_ARCHIVED: money cannot move through an archived bank account. */
export const archivedBankAccount = (name: string, path: string) =>
  unprocessable(BANK_ACCOUNT_ARCHIVED, `The bank account ${name} is archived`, [{ path, message: "Archived" }]);

/** 422 BANK_GROUP_MISSING: the chart has no group to hold bank accounts (one holding a bank or cash account, or code 1100). */
export const bankGroupMissing = () =>
  unprocessable(BANK_GROUP_MISSING, "The chart has no group for bank accounts: add a posting account of subtype bank under the current assets group", [
    { path: "name", message: "No bank group in the chart" },
  ]);
