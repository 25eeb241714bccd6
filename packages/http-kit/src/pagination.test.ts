import { AppError } from "@erp/errors";
import { decodeCursor, encodeCursor, paginationQuery } from "./pagination";
import { page } from "./responses";
import { z } from "./zod";

describe("cursors", () => {
  it("round-trip through an opaque, URL-safe string", () => {
    const cursor = encodeCursor({ createdAt: "2026-11-22T10:15:00.000Z", id: "0193a1b2-??" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ createdAt: "2026-11-22T10:15:00.000Z", id: "0193a1b2-??" });
  });

  it("checks the decoded value against a schema when one is given", () => {
    const schema = z.object({ id: z.string() });
    expect(decodeCursor(encodeCursor({ id: "a" }), schema)).toEqual({ id: "a" });
    expect(() => decodeCursor(encodeCursor({ other: 1 }), schema)).toThrow(AppError);
  });

  it("refuses a garbage cursor with a 400 naming the cursor", () => {
    let error: unknown;
    try {
      decodeCursor("not-json!!");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, code: "VALIDATION_FAILED", details: [{ path: "cursor" }] });
  });
});

describe("paginationQuery", () => {
  it("defaults limit to 50 and coerces it from the query string", () => {
    expect(paginationQuery.parse({})).toEqual({ limit: 50 });
    expect(paginationQuery.parse({ limit: "10", cursor: "abc" })).toEqual({ limit: 10, cursor: "abc" });
  });

  it("refuses limits outside 1..200", () => {
    expect(paginationQuery.safeParse({ limit: "0" }).success).toBe(false);
    expect(paginationQuery.safeParse({ limit: "201" }).success).toBe(false);
  });
});

describe("page", () => {
  it("reports hasMore from the presence of a next cursor", () => {
    expect(page([1, 2], "next", 2)).toEqual({ data: [1, 2], page: { limit: 2, nextCursor: "next", hasMore: true } });
    expect(page([1], null, 2).page).toEqual({ limit: 2, nextCursor: null, hasMore: false });
  });
});
