/** Cursor pagination: the query fragment and opaque cursors that clients pass back unchanged. */
import { badRequest } from "@erp/errors";
import { z } from "./zod";

/** `limit` (1..200, default 50) and `cursor`; `.extend()` it with a list's filters. */
export const paginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});

/**
 * `count=true` (default false) asks a list for `page.total`, the number of rows matching its
 * filters across all pages. Counting costs a query of its own, so it runs only when asked. Part of
 * every `listQuery`; a hand-made list query adds it as `count: countParameter` and answers with
 * `totalIfAsked`.
 */
export const countParameter = z
  .enum(["true", "false"])
  .default("false")
  .transform((value) => value === "true")
  .describe("true: add page.total, the number of rows matching the filters (one extra query)");

/**
 * Runs `count` only when the client asked (`count=true`): the default path stays one query.
 * @returns the total, or undefined when not asked (and `page()` then leaves `page.total` out)
 */
export async function totalIfAsked(asked: boolean | undefined, count: () => PromiseLike<number>): Promise<number | undefined> {
  return asked ? await count() : undefined;
}

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
