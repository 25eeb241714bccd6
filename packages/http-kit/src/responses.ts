/** Helpers for the success shapes of API.md, used from route handlers. */
import type { Response } from "express";
import { z } from "./zod";

// Pages are made without HTTP (use cases return them); the kit sends one as is (route.ts, `isPage`).
export { isPage, page, type Page, type PageInfo } from "@erp/lists";

const pageSchemas = new WeakSet<z.ZodType>();

/** The response schema of a list route; other response schemas are documented inside `data`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  const schema = z.object({
    data: z.array(item),
    page: z.object({
      limit: z.number().int(),
      nextCursor: z.string().nullable(),
      hasMore: z.boolean(),
      total: z.number().int().min(0).optional().describe("Rows matching the filters over all pages; present only with count=true"),
    }),
  });
  pageSchemas.add(schema);
  return schema;
}

/**
 * The response schema of a report whose rows are paged inside its `data` object (a general
 * ledger: the account, its balances and this page's lines), with the cursor beside `data` as a
 * list's: `{ data, page: { limit, nextCursor, hasMore } }`, documented as is. It has no
 * `page.total` (not a list: `data` is one report, and count=true is not offered).
 */
export function pagedReportSchema<T extends z.ZodType>(report: T) {
  const schema = z.object({
    data: report,
    page: z.object({
      limit: z.number().int().describe("Rows of the report at most on this page"),
      nextCursor: z.string().nullable(),
      hasMore: z.boolean(),
    }),
  });
  pageSchemas.add(schema);
  return schema;
}

export function isPageSchema(schema: z.ZodType): boolean {
  return pageSchemas.has(schema);
}

/** 201 with the resource and its Location (a path: `ctx.location("/products/…")` puts it under the service's basePath). */
export function created(ctx: { res: Response }, data: unknown, location: string): void {
  ctx.res.status(201).location(location).json({ data });
}

export function noContent(ctx: { res: Response }): void {
  ctx.res.status(204).end();
}
