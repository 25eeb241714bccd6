/**
 * List endpoints (API.md): `limit`/`cursor`, `sort=field|-field` over an allow-list, `q`, filters.
 * Pages are keyset pages over (sort field, id); the cursor remembers the sort it was made for.
 * The database half (where/orderBy for Prisma) is `keysetArgs` in @erp/db.
 *
 * Every list also takes `count=true`, which adds `page.total`. A list's database query opts in
 * with `keysetFindMany(tx.model, window, filter)` from @erp/db, which counts only when asked;
 * `keysetPage` then copies the total into the page.
 */
import { badRequest } from "@erp/errors";
import { countParameter, decodeCursor, encodeCursor, paginationQuery } from "./pagination";
import { page, type Page } from "./responses";
import { z } from "./zod";

export type SortDirection = "asc" | "desc";
export type SortValue<F extends string> = F | `-${F}`;
type CursorValue = string | number | boolean;

/** Where a page starts: the order, the position after which rows come, how many. */
export interface ListWindow<F extends string = string> {
  sort: { field: F; direction: SortDirection };
  after?: { value: CursorValue; id: string };
  limit: number;
  /** The `sort` parameter as given, written into the next cursor. */
  sortKey: SortValue<F>;
  /** The client asked for `page.total` (`count=true`): the query must count the matching rows. */
  count: boolean;
}

export interface ListQueryOptions<F extends string, S extends z.ZodRawShape> {
  /** Fields a client may sort by; non-null columns only (a keyset cannot step over nulls). */
  sortable: readonly [F, ...F[]];
  defaultSort: SortValue<F>;
  /** The list's filters, as query parameters (strings: coerce where needed). */
  filters: S;
}

/**
 * `q`, a list's text search: trimmed, at most 200 characters. Empty or blank (`?q=`, what a search
 * box sends before anything is typed) means no filter: parsed as absent, not refused.
 */
export const searchParameter = z
  .string()
  .trim()
  .max(200)
  .transform((q) => q || undefined)
  .optional()
  .describe("Text search; empty means no filter");

/** The query schema of a list: pagination, `count`, `sort`, `q` (text search) and the list's filters. */
export function listQuery<const F extends string, S extends z.ZodRawShape>(options: ListQueryOptions<F, S>) {
  const values = options.sortable.flatMap((field) => [field, `-${field}`]) as [SortValue<F>, ...SortValue<F>[]];
  const sort = z.enum(values);
  return paginationQuery.extend({
    sort: sort
      // zod cannot see that a generic `SortValue<F>` is one of the enum's values.
      .default(options.defaultSort as never)
      .describe(`Sort by ${options.sortable.join(", ")}; prefix with - for descending`),
    q: searchParameter,
    // Optional in the parsed type, so the list's query minus its paging (an export's) still fits it.
    count: countParameter.optional(),
    ...options.filters,
  });
}

const cursorSchema = z.object({ s: z.string(), v: z.union([z.string(), z.number(), z.boolean()]), id: z.string() });

/** Reads the sort, the cursor and `count` of a parsed list query. */
export function listWindow<F extends string>(query: { limit: number; cursor?: string; sort: SortValue<F>; count?: boolean }): ListWindow<F> {
  const descending = query.sort.startsWith("-");
  const window: ListWindow<F> = {
    sort: { field: (descending ? query.sort.slice(1) : query.sort) as F, direction: descending ? "desc" : "asc" },
    limit: query.limit,
    sortKey: query.sort,
    count: query.count ?? false,
  };
  if (!query.cursor) return window;
  const cursor = decodeCursor(query.cursor, cursorSchema);
  // A position in one order means nothing in another: it would skip or repeat rows.
  if (cursor.s !== query.sort) {
    throw badRequest("Invalid cursor", [{ path: "cursor", message: "The cursor was made for another sort order" }]);
  }
  return { ...window, after: { value: cursor.v, id: cursor.id } };
}

/**
 * The page of rows fetched in window order with `limit + 1` rows (the extra one says there is more).
 * `rows.total`, set by `keysetFindMany` when the window asked for a count, becomes `page.total`.
 * @throws Error when the window asked for a count and the rows carry none: the list's query does not
 *   count yet (use `keysetFindMany`); a quiet page without the total would be a wrong answer
 */
export function keysetPage<R extends { id: string }, T>(rows: R[] & { total?: number }, window: ListWindow, toItem: (row: R) => T): Page<T> {
  if (window.count && rows.total === undefined) {
    throw new Error("the list was asked for page.total but its query did not count; fetch its rows with keysetFindMany (@erp/db)");
  }
  const items = rows.slice(0, window.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > window.limit && last
      ? encodeCursor({ s: window.sortKey, v: cursorValue(last, window.sort.field), id: last.id })
      : null;
  return page(items.map(toItem), nextCursor, window.limit, window.count ? rows.total : undefined);
}

/**
 * The query of a list answered whole, in one page (a catalog, an organization's roles): only
 * `count=true`, which every list takes (API.md); with it, `wholePage` adds `page.total`.
 */
export const wholeListQuery = z.object({ count: countParameter.optional() });

/** A list answered whole: every item in one page, no cursor; `page.total` (its length) when the client asked (`count=true`). */
export function wholePage<T>(items: T[], query: { count?: boolean }): Page<T> {
  return page(items, null, items.length, query.count ? items.length : undefined);
}

function cursorValue(row: object, field: string): CursorValue {
  const value: unknown = (row as Record<string, unknown>)[field];
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  // Decimals and the like compare by their string form in SQL.
  if (value !== null && value !== undefined) return String(value);
  throw new Error(`sort field ${field} is null on row ${(row as { id: string }).id}; only non-null fields can be sortable`);
}
