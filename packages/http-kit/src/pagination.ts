/**
 * Cursor pagination, the query fragment. Cursors and `totalIfAsked` live in @erp/lists (no HTTP),
 * re-exported here so routes find every list helper in the kit.
 */
import { z } from "./zod";

export { decodeCursor, encodeCursor, totalIfAsked } from "@erp/lists";

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
