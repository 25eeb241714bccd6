/** The page a list answers (API.md): its items and `page: { limit, nextCursor, hasMore, total? }`. */

export interface PageInfo {
  limit: number;
  nextCursor: string | null;
  hasMore: boolean;
  /** Rows matching the list's filters over all pages; only when the client asked (`count=true`). */
  total?: number;
}

export interface Page<T> {
  data: T[];
  page: PageInfo;
}

const pages = new WeakSet<object>();

/**
 * A list's answer. `hasMore` is true exactly when there is a `nextCursor`; `total` (see
 * `totalIfAsked`) becomes `page.total`, undefined leaves it out. Returned from a route handler, the
 * HTTP kit sends it as is instead of wrapping it in `data` (it recognises it with `isPage`).
 */
export function page<T>(items: T[], nextCursor: string | null | undefined, limit: number, total?: number): Page<T> {
  const info: PageInfo = { limit, nextCursor: nextCursor ?? null, hasMore: nextCursor != null };
  if (total !== undefined) info.total = total;
  const result = { data: items, page: info };
  pages.add(result);
  return result;
}

/** True for an object made by `page()` (or `keysetPage`/`wholePage`), not for any look-alike. */
export function isPage(value: unknown): value is Page<unknown> {
  return typeof value === "object" && value !== null && pages.has(value);
}

/**
 * Runs `count` only when the client asked (`count=true`): the default path stays one query.
 * @returns the total, or undefined when not asked (and `page()` then leaves `page.total` out)
 */
export async function totalIfAsked(asked: boolean | undefined, count: () => PromiseLike<number>): Promise<number | undefined> {
  return asked ? await count() : undefined;
}
