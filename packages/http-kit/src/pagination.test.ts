import { paginationQuery } from "./pagination";

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
