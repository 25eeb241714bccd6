import { AppError } from "@erp/errors";
import { keysetPage, listQuery, listWindow } from "./list-query";
import { encodeCursor } from "./pagination";
import { z } from "./zod";

const query = listQuery({ sortable: ["name", "createdAt"], defaultSort: "name", filters: { status: z.enum(["active", "archived"]).optional() } });

describe("listQuery", () => {
  it("defaults the sort, takes q and the list's filters", () => {
    expect(query.parse({})).toEqual({ limit: 50, sort: "name", count: false });
    expect(query.parse({ count: "true" })).toMatchObject({ count: true });
    expect(query.parse({ sort: "-createdAt", q: " acme ", status: "active", limit: "5" })).toEqual({
      limit: 5,
      sort: "-createdAt",
      q: "acme",
      status: "active",
      count: false,
    });
  });

  it("refuses a sort outside the allow-list", () => {
    expect(query.safeParse({ sort: "secret" }).success).toBe(false);
    expect(query.safeParse({ sort: "--name" }).success).toBe(false);
  });
});

describe("listWindow and keysetPage", () => {
  const rows = [
    { id: "a", name: "Alpha", createdAt: new Date("2026-01-01T00:00:00.000Z") },
    { id: "b", name: "Beta", createdAt: new Date("2026-01-02T00:00:00.000Z") },
    { id: "c", name: "Gamma", createdAt: new Date("2026-01-03T00:00:00.000Z") },
  ];

  it("reads field and direction from the sort parameter", () => {
    expect(listWindow({ limit: 10, sort: "-createdAt" })).toEqual({
      sort: { field: "createdAt", direction: "desc" },
      limit: 10,
      sortKey: "-createdAt",
      count: false,
    });
  });

  it("makes a next cursor from the last row of a full page, which the next window starts after", () => {
    const window = listWindow({ limit: 2, sort: "-createdAt" });
    const result = keysetPage(rows, window, (row) => row.name);
    expect(result.data).toEqual(["Alpha", "Beta"]);
    expect(result.page).toMatchObject({ limit: 2, hasMore: true });
    const next = listWindow({ limit: 2, sort: "-createdAt", cursor: result.page.nextCursor ?? "" });
    expect(next.after).toEqual({ value: "2026-01-02T00:00:00.000Z", id: "b" });
  });

  it("has no next cursor on the last page", () => {
    const result = keysetPage(rows.slice(0, 2), listWindow({ limit: 2, sort: "name" }), (row) => row.id);
    expect(result.page).toEqual({ limit: 2, nextCursor: null, hasMore: false });
  });

  it("refuses with 400 a cursor made for another sort order", () => {
    const cursor = encodeCursor({ s: "name", v: "Beta", id: "b" });
    expect(() => listWindow({ limit: 2, sort: "-name", cursor })).toThrow(AppError);
    expect(() => listWindow({ limit: 2, sort: "name", cursor: encodeCursor({ v: 1 }) })).toThrow(AppError);
  });
});
