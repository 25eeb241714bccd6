/** Helpers for the success shapes of API.md, used from route handlers. */
import type { Response } from "express";
import { z } from "./zod";

export interface PageInfo {
  limit: number;
  nextCursor: string | null;
  hasMore: boolean;
}

export interface Page<T> {
  data: T[];
  page: PageInfo;
}

const pages = new WeakSet<object>();
const pageSchemas = new WeakSet<z.ZodType>();

/** A list response; returned from a handler it is sent as is instead of wrapped in `data`. */
export function page<T>(items: T[], nextCursor: string | null | undefined, limit: number): Page<T> {
  const result = { data: items, page: { limit, nextCursor: nextCursor ?? null, hasMore: nextCursor != null } };
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
    page: z.object({ limit: z.number().int(), nextCursor: z.string().nullable(), hasMore: z.boolean() }),
  });
  pageSchemas.add(schema);
  return schema;
}

export function isPageSchema(schema: z.ZodType): boolean {
  return pageSchemas.has(schema);
}

/** 201 with the resource and its Location. */
export function created(ctx: { res: Response }, data: unknown, location: string): void {
  ctx.res.status(201).location(location).json({ data });
}

export function noContent(ctx: { res: Response }): void {
  ctx.res.status(204).end();
}
