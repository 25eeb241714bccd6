import { organizationIdOf, serviceScope } from "./scope";

const ORG = "0190a6b2-7c1e-7d3a-9f00-1234567890ab";

describe("organizationIdOf", () => {
  test("a uuid is an organization id, unchanged", () => {
    expect(organizationIdOf(ORG)).toBe(ORG);
  });

  test.each(["", "org-1", `${ORG} `, "x' OR true --"])("%j is refused", (value) => {
    expect(() => organizationIdOf(value)).toThrow("An organization id must be a uuid");
  });
});

describe("serviceScope", () => {
  test("the service acts for the organization", () => {
    expect(serviceScope(ORG, "master-data")).toEqual({ organizationId: ORG, actor: { type: "service", id: "master-data" } });
  });

  test("an organization id that is not a uuid is refused", () => {
    expect(() => serviceScope("nope", "master-data")).toThrow("uuid");
  });
});
