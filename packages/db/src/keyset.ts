/**
 * The database half of keyset pagination and list search, in Prisma's query shapes: rows after a
 * (sort value, id) position, ordered by (field, id). The window it reads is `listWindow` in @erp/lists.
 */
export interface KeysetWindow {
  sort: { field: string; direction: "asc" | "desc" };
  after?: { value: unknown; id: string };
  limit: number;
  /** Count every row matching the filters too (`count=true`, for `page.total`). */
  count?: boolean;
}

/** A keyset page's rows; `total` is set (rows matching the filters, all pages) when the window asked. */
export type KeysetRows<Row> = Row[] & { total?: number };

/**
 * The two queries of a list, as a Prisma model delegate (`tx.product`) has them. A list that needs
 * `include`/`select` passes an object of its own, its parameters annotated so that the filter stays
 * type-checked:
 * `{ findMany: (args: Prisma.MFindManyArgs) => tx.m.findMany({ ...args, include }), count: (args: Prisma.MCountArgs) => tx.m.count(args) }`.
 */
export interface KeysetModel<Where, OrderBy, Row> {
  findMany(args: { where?: Where; orderBy?: OrderBy[]; take?: number }): PromiseLike<Row[]>;
  count(args: { where?: Where }): PromiseLike<number>;
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

/**
 * One keyset page of `model`'s rows matching `filter` (the list's own conditions: organization,
 * filters, search), in the window's order, `limit + 1` of them as `keysetPage` expects; plus, only
 * when the window asked (`count=true`), `rows.total`: how many rows match `filter` over all pages.
 * Without `count` it is exactly the one `findMany` a list ran before.
 *
 * A list adopts `count=true` by replacing its `findMany({ where: { AND: [filter, keysetArgs(window).where] }, ... })`
 * with `keysetFindMany(tx.model, window, filter)`.
 */
export async function keysetFindMany<Where extends object, OrderBy extends object, Row>(
  model: KeysetModel<Where, OrderBy, Row>,
  window: KeysetWindow,
  filter: NoInfer<Where>,
): Promise<KeysetRows<Row>> {
  const { where, orderBy, take } = keysetArgs<Where, OrderBy>(window);
  const rows: KeysetRows<Row> = await model.findMany({ where: (window.after ? { AND: [filter, where] } : filter) as Where, orderBy, take });
  if (window.count) rows.total = await model.count({ where: filter });
  return rows;
}
