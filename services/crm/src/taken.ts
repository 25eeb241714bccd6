/** The 409 of a write that would repeat what another record already holds (a name, a domain, an email). */
import { conflict, type AppError, type ErrorDetail } from "@erp/errors";

/** `details[0]` of such a 409: where, and which record holds it. */
export interface TakenDetail extends ErrorDetail {
  existing: { id: string };
}

/** 409 CONFLICT whose `details[0].existing.id` is the record that holds the value. */
export function takenBy(message: string, path: string, existingId: string): AppError {
  const detail: TakenDetail = { path, message, existing: { id: existingId } };
  return conflict(message, "CONFLICT", [detail]);
}
