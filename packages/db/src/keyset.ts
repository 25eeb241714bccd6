/**
 * The database half of keyset pagination and list search, in Prisma's query shapes: rows after a
 * (sort value, id) position, ordered by (field, id). The HTTP half is `listWindow` in @erp/http-kit.
 */
export interface KeysetWindow {
  sort: { field: string; direction: "asc" | "desc" };
  after?: { value: unknown; id: string };
  limit: number;
}

/**
 * `where`, `orderBy` and `take` (limit + 1, so the caller knows whether there is a next page) for a
 * model's `findMany`. `Where`/`OrderBy` are the model's Prisma input types.
 */
export function keysetArgs<Where extends object, OrderBy extends object>(window: KeysetWindow): {
  where: Where;
  orderBy: OrderBy[];
  take: number;
} {
  const { field, direction } = window.sort;
  const after = direction === "asc" ? "gt" : "lt";
  const where = window.after
    ? {
        OR: [
          { [field]: { [after]: window.after.value } },
          { [field]: window.after.value, id: { [after]: window.after.id } },
        ],
      }
    : {};
  const orderBy = field === "id" ? [{ id: direction }] : [{ [field]: direction }, { id: direction }];
  return { where: where as Where, orderBy: orderBy as OrderBy[], take: window.limit + 1 };
}

/**
 * Case-insensitive substring match of `q` on any of `fields`; no condition without `q`. `q` is
 * text, not a pattern: `%`, `_` and `\` match themselves (Prisma's `contains` passes them to ILIKE
 * as wildcards). Give the fields trigram indexes (pg_trgm) for this to use an index.
 */
export function textSearch<Where extends object>(q: string | undefined, fields: readonly string[]): Where {
  if (!q) return {} as Where;
  const text = escapeLikePattern(q);
  return { OR: fields.map((field) => ({ [field]: { contains: text, mode: "insensitive" } })) } as Where;
}

/** `q` with LIKE's wildcards and its escape character (PostgreSQL's default, `\`) escaped. */
export function escapeLikePattern(q: string): string {
  return q.replace(/[\\%_]/g, (char) => `\\${char}`);
}
