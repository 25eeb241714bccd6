/** The statements' and reconciliation's error codes and builders. */
import { AppError, unprocessable } from "@erp/errors";

export const STATEMENT_UNBALANCED = "STATEMENT_UNBALANCED";
export const UNKNOWN_STATEMENT_LINE = "UNKNOWN_STATEMENT_LINE";
export const UNKNOWN_JOURNAL_LINE = "UNKNOWN_JOURNAL_LINE";
export const MATCH_AMOUNT_MISMATCH = "MATCH_AMOUNT_MISMATCH";
export const ALREADY_MATCHED = "ALREADY_MATCHED";
export const LINE_SIGN_MISMATCH = "LINE_SIGN_MISMATCH";
export const STATEMENT_OVERLAPS = "STATEMENT_OVERLAPS";

export const statementUnbalanced = (opening: string, lines: string, closing: string) =>
  unprocessable(STATEMENT_UNBALANCED, `The opening balance ${opening} plus the lines ${lines} is not the closing balance ${closing}`, [
    { path: "closingBalance", message: "Does not match the opening balance plus the lines" },
  ]);

/** 409 STATEMENT_OVERLAPS: a bank account's statements cover distinct days, so the same file sent twice does not duplicate its lines. */
export const statementOverlaps = (from: string, to: string, existing: { id: string; fromDate: string; toDate: string }) =>
  new AppError(STATEMENT_OVERLAPS, `The statement (${from} to ${to}) overlaps statement ${existing.id} (${existing.fromDate} to ${existing.toDate}) of the bank account`, 409);

export const unknownStatementLine = (path: string) =>
  unprocessable(UNKNOWN_STATEMENT_LINE, "The statement line is not one of this bank account's", [{ path, message: "No such statement line" }]);

export const unknownJournalLine = (path: string, why: string) => unprocessable(UNKNOWN_JOURNAL_LINE, `The ledger line ${why}`, [{ path, message: why }]);

export const matchAmountMismatch = (path: string, statement: string, ledger: string) =>
  unprocessable(MATCH_AMOUNT_MISMATCH, `The statement line is ${statement}, the ledger line ${ledger}`, [{ path, message: "Not the same amount and sign" }]);

/** 409 ALREADY_MATCHED: a statement line or a ledger line is reconciled once. */
export const alreadyMatched = (what: string, path: string) => new AppError(ALREADY_MATCHED, `The ${what} is already reconciled`, 409, [{ path, message: "Already reconciled" }]);

export const lineSignMismatch = (kind: "expense" | "revenue") =>
  unprocessable(LINE_SIGN_MISMATCH, kind === "expense" ? "Only money out (a negative line) becomes an expense" : "Only money in (a positive line) becomes revenue", [
    { path: "lineId", message: kind === "expense" ? "Money in" : "Money out" },
  ]);
