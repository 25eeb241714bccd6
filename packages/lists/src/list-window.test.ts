import { AppError } from "@erp/errors";
import { encodeCursor } from "./cursor";
import { isPage } from "./page";
import { keysetPage, listWindow, wholePage } from "./list-window";

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

describe("keysetPage", () => {
  it("leaves page.total out when the window did not ask, even if the rows carry one", () => {
    const window = listWindow({ limit: 10, sort: "code" });
    const rows = Object.assign([{ id: "1", code: "A" }], { total: 1 });
    expect(keysetPage(rows, window, (row) => row.code).page).toEqual({ limit: 10, nextCursor: null, hasMore: false });
    expect(keysetPage(rows, { ...window, count: true }, (row) => row.code).page.total).toBe(1);
  });

  it("throws when the window asked for a count and the rows carry none (the query does not count)", () => {
    const window = listWindow({ limit: 10, sort: "code", count: true });
    expect(window.count).toBe(true);
    expect(() => keysetPage([{ id: "1", code: "A" }], window, (row) => row.code)).toThrow(/keysetFindMany/);
  });
});

describe("wholePage", () => {
  it("answers every item in one page, with page.total only when asked", () => {
    expect(wholePage(["a", "b"], {})).toEqual({ data: ["a", "b"], page: { limit: 2, nextCursor: null, hasMore: false } });
    expect(wholePage(["a", "b"], { count: true }).page).toEqual({ limit: 2, nextCursor: null, hasMore: false, total: 2 });
    expect(isPage(wholePage([], {}))).toBe(true);
  });
});
