/** The journal's errors. The posting rules' codes (ENTRY_NOT_BALANCED, ACCOUNT_IS_GROUP...) are in ledger-rules.ts. */
import { conflict, invalidState, unprocessable, type AppError } from "@erp/errors";
import type { PostingProblem } from "./ledger-rules";

export const ROUNDING_ACCOUNT_MISSING = "ROUNDING_ACCOUNT_MISSING";
export const REVERSAL_BEFORE_ORIGINAL = "REVERSAL_BEFORE_ORIGINAL";
export const ALREADY_REVERSED = "ALREADY_REVERSED";

/** 422 with the first broken rule's code; `details` lists every broken rule (path and message). */
export function postingRefused(problems: PostingProblem[]): AppError {
  const [first] = problems;
  const message = problems.length === 1 ? first!.message : `${first!.message} (and ${problems.length - 1} more problem(s))`;
  return unprocessable(first!.code, message, problems.map(({ path, message }) => ({ path, message })));
}

/** 422 ROUNDING_ACCOUNT_MISSING: conversion left a difference and no active account has the subtype `rounding`. */
export const roundingAccountMissing = () =>
  unprocessable(ROUNDING_ACCOUNT_MISSING, "The entry leaves a rounding difference and the chart has no active rounding account (subtype rounding)", [
    { path: "lines", message: "Needs an account of subtype rounding" },
  ]);

/** 409 INVALID_STATE: posted entries are never edited, deleted or posted again. */
export const entryPosted = (number: string | null) => invalidState(`Journal entry ${number ?? ""} is posted: it cannot change; reverse it instead`);

/** 409 INVALID_STATE: only posted entries are reversed. */
export const entryNotPosted = () => invalidState("Only a posted journal entry can be reversed; a draft is edited or deleted");

/** 409 ALREADY_REVERSED: an entry is reversed at most once. */
export const alreadyReversed = (reversalId: string) =>
  conflict("The journal entry is already reversed", ALREADY_REVERSED, [{ path: "id", message: `Reversed by entry ${reversalId}` }]);

/** 409 INVALID_STATE: the entry belongs to a document or payment, whose void is what reverses it. */
export const entryOwnedByDocument = (sourceType: string, sourceId: string) =>
  invalidState(`The entry was posted by ${sourceType.replace("_", " ")} ${sourceId}: void that instead of reversing its entry`);

/** 422 REVERSAL_BEFORE_ORIGINAL */
export const reversalBeforeOriginal = (originalDate: string) =>
  unprocessable(REVERSAL_BEFORE_ORIGINAL, `A reversal cannot be dated before the entry it reverses (${originalDate})`, [
    { path: "date", message: `Must be on or after ${originalDate}` },
  ]);

/** 422 UNKNOWN_ACCOUNT on a draft's line. */
export const unknownAccounts = (paths: string[]) =>
  unprocessable("UNKNOWN_ACCOUNT", "Some lines name accounts the organization does not have", paths.map((path) => ({ path, message: "No such account" })));
