import { slugCandidate, slugify } from "./slug";

describe("slugify", () => {
  it("lowercases, drops accents and joins words with single dashes", () => {
    expect(slugify("  Café Müller & Söhne GmbH ")).toBe("cafe-muller-sohne-gmbh");
  });

  it("pads names too short or without latin letters to a valid slug", () => {
    expect(slugify("A")).toBe("org-a");
    expect(slugify("株式会社")).toMatch(/^org-[0-9a-f]{6}$/);
  });

  it("keeps slugs at most 50 characters with no trailing dash", () => {
    const slug = slugify(`${"a".repeat(49)} bcd`);
    expect(slug.length).toBeLessThanOrEqual(50);
    expect(slug.endsWith("-")).toBe(false);
  });
});

describe("slugCandidate", () => {
  it("tries the base, then numbered, then random suffixes", () => {
    expect(slugCandidate("acme", 0)).toBe("acme");
    expect(slugCandidate("acme", 1)).toBe("acme-2");
    expect(slugCandidate("acme", 4)).toBe("acme-5");
    expect(slugCandidate("acme", 5)).toMatch(/^acme-[0-9a-f]{6}$/);
  });
});
