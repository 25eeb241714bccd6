import { escapeLikePattern, keysetArgs, textSearch } from "../src/keyset";

describe("keysetArgs", () => {
  it("orders by the field then id and fetches one extra row", () => {
    expect(keysetArgs({ sort: { field: "name", direction: "asc" }, limit: 10 })).toEqual({
      where: {},
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: 11,
    });
  });

  it("continues after the cursor's (value, id) in the sort direction", () => {
    const args = keysetArgs({ sort: { field: "code", direction: "desc" }, after: { value: "C-2", id: "x" }, limit: 5 });
    expect(args.where).toEqual({ OR: [{ code: { lt: "C-2" } }, { code: "C-2", id: { lt: "x" } }] });
    expect(args.orderBy).toEqual([{ code: "desc" }, { id: "desc" }]);
  });
});

describe("textSearch", () => {
  it("matches any field case-insensitively, and nothing is filtered without q", () => {
    expect(textSearch(undefined, ["name"])).toEqual({});
    expect(textSearch("ac", ["name", "code"])).toEqual({
      OR: [{ name: { contains: "ac", mode: "insensitive" } }, { code: { contains: "ac", mode: "insensitive" } }],
    });
  });

  it("searches for %, _ and \\ as text, not as ILIKE wildcards", () => {
    expect(escapeLikePattern("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(textSearch("50%", ["name"])).toEqual({ OR: [{ name: { contains: "50\\%", mode: "insensitive" } }] });
  });
});
