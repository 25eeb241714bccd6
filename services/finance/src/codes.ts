/**
 * Account codes are unique per organization ignoring case and surrounding whitespace (a unique
 * index on `lower(btrim(code))` in the migration); a taken code answers 409 naming its holder.
 */
import { conflict, type AppError, type ErrorDetail } from "@erp/errors";

/** The form codes are compared in, as the unique index compares them: `" Abc-1 "` → `"abc-1"`. */
export function normaliseCode(code: string): string {
  return code.trim().toLowerCase();
}

/** A 409 detail that names the record holding a code: its id and code as stored. */
export interface TakenCodeDetail extends ErrorDetail {
  existing: { id: string; code: string };
}

/**
 * 409 CONFLICT for a code another record has (in any case): `details[0]` is
 * `{ path, message, existing: { id, code } }`, so a client can go to that record.
 */
export function codeTaken(label: string, existing: { id: string; code: string }, path = "code"): AppError {
  const { id, code } = existing;
  const detail: TakenCodeDetail = { path, message: `${label} ${code} already has this code`, existing: { id, code } };
  return conflict(`An ${label.toLowerCase()} with code ${code} already exists`, "CONFLICT", [detail]);
}
