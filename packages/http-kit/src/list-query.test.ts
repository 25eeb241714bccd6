import { listQuery } from "./list-query";
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
