/**
 * List endpoints (API.md), the HTTP half: the query schema of a list (`limit`/`cursor`,
 * `sort=field|-field` over an allow-list, `q`, `count`, filters). The window such a query asks for,
 * its keyset page and `wholePage` live in @erp/lists (use cases and repositories use them without
 * HTTP) and are re-exported here for routes. The database half is `keysetFindMany` in @erp/db.
 */
import type { SortValue } from "@erp/lists";
import { countParameter, paginationQuery } from "./pagination";
import { z } from "./zod";

export { keysetPage, listWindow, wholePage, type ListWindow, type SortDirection, type SortValue } from "@erp/lists";

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

/**
 * The query of a list answered whole, in one page (a catalog, an organization's roles): only
 * `count=true`, which every list takes (API.md); with it, `wholePage` adds `page.total`.
 */
export const wholeListQuery = z.object({ count: countParameter.optional() });
