/** Opaque cursors: what a list hands out as `page.nextCursor` and reads back from `cursor`. */
import { badRequest } from "@erp/errors";
import type { z } from "zod";

/** `value` as JSON in base64url (URL-safe, no padding); clients pass it back unchanged. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/**
 * Decodes a cursor made by `encodeCursor`, checked against `schema` when one is given.
 * @throws AppError 400 `VALIDATION_FAILED` (detail path `cursor`) when the cursor is not one of
 *   ours or does not match `schema`: a tampered or foreign cursor is the client's fault, not a 500
 */
export function decodeCursor(cursor: string): unknown;
export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.output<S>;
export function decodeCursor(cursor: string, schema?: z.ZodType): unknown {
  const invalid = () => badRequest("Invalid cursor", [{ path: "cursor", message: "Invalid cursor" }]);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!schema) return value;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid();
  return parsed.data;
}
