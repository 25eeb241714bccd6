/** Cursor pagination: the query fragment and opaque cursors that clients pass back unchanged. */
import { badRequest } from "@erp/errors";
import { z } from "./zod";

/** `limit` (1..200, default 50) and `cursor`; `.extend()` it with a list's filters. */
export const paginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** Decodes a cursor made by `encodeCursor`; a tampered or foreign cursor is a 400, not a 500. */
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
