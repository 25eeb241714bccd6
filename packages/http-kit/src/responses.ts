/** Helpers for the success shapes of API.md, used from route handlers. */
import type { Response } from "express";
import { z } from "./zod";

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
const pageSchemas = new WeakSet<z.ZodType>();

/**
 * A list response; returned from a handler it is sent as is instead of wrapped in `data`.
 * `total` (see `totalIfAsked`) becomes `page.total`; undefined leaves it out.
 */
export function page<T>(items: T[], nextCursor: string | null | undefined, limit: number, total?: number): Page<T> {
  const info: PageInfo = { limit, nextCursor: nextCursor ?? null, hasMore: nextCursor != null };
  if (total !== undefined) info.total = total;
  const result = { data: items, page: info };
  pages.add(result);
  return result;
}

export function isPage(value: unknown): value is Page<unknown> {
  return typeof value === "object" && value !== null && pages.has(value);
}

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
