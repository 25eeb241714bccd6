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

/** Case-insensitive substring match of `q` on any of `fields`; no condition without `q`. */
export function textSearch<Where extends object>(q: string | undefined, fields: readonly string[]): Where {
  if (!q) return {} as Where;
  return { OR: fields.map((field) => ({ [field]: { contains: q, mode: "insensitive" } })) } as Where;
}
