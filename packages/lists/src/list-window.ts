/**
 * Keyset lists (API.md), the part use cases and repositories use: the window a parsed list query
 * asks for (order, position, size, whether to count) and the page of rows fetched for it. Pages are
 * keyset pages over (sort field, id); the cursor remembers the sort it was made for. The query
 * schema (`listQuery`) is in @erp/http-kit, the database half (`keysetArgs`, `keysetFindMany`) in @erp/db.
 */
import { badRequest } from "@erp/errors";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "./cursor";
import { page, type Page } from "./page";

export type SortDirection = "asc" | "desc";
/** A `sort` parameter: `field` ascending, `-field` descending. */
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

const cursorSchema = z.object({ s: z.string(), v: z.union([z.string(), z.number(), z.boolean()]), id: z.string() });

/**
 * Reads the sort, the cursor and `count` of a parsed list query.
 * @throws AppError 400 (detail path `cursor`) for a cursor that is not ours or was made for another sort
 */
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
