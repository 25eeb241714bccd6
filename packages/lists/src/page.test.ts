import { isPage, page, totalIfAsked } from "./page";

describe("page", () => {
  it("reports hasMore from the presence of a next cursor", () => {
    expect(page([1, 2], "next", 2)).toEqual({ data: [1, 2], page: { limit: 2, nextCursor: "next", hasMore: true } });
    expect(page([1], null, 2).page).toEqual({ limit: 2, nextCursor: null, hasMore: false });
  });
});

describe("isPage", () => {
  it("knows the pages page() made, not look-alikes", () => {
    expect(isPage(page([], null, 10))).toBe(true);
    expect(isPage({ data: [], page: { limit: 10, nextCursor: null, hasMore: false } })).toBe(false);
    expect(isPage(null)).toBe(false);
  });
});

describe("totalIfAsked", () => {
  it("counts only when asked", async () => {
    const count = jest.fn(async () => 7);
    expect(await totalIfAsked(false, count)).toBeUndefined();
    expect(await totalIfAsked(undefined, count)).toBeUndefined();
    expect(count).not.toHaveBeenCalled();
    expect(await totalIfAsked(true, count)).toBe(7);
    expect(count).toHaveBeenCalledTimes(1);
  });
});
