import { as, startTenantTestApp, type TenantTestApp } from "../../../test/harness";

let t: TenantTestApp;
beforeAll(async () => {
  t = await startTenantTestApp();
});
afterAll(() => t.close());

describe("GET /plans", () => {
  it("lists the seeded plans to any authenticated user, whatever their permissions", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, await t.token(org.id, [])).get("/plans");
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { code: "free", name: "Free", modules: ["master-data", "notifications"], limits: { seats: 3 } },
      { code: "pro", name: "Pro", modules: ["master-data", "notifications", "finance", "crm"], limits: { seats: 25 } },
      {
        code: "enterprise",
        name: "Enterprise",
        modules: ["master-data", "finance", "crm", "notifications"],
        limits: { seats: null },
      },
    ]);
  });

  it("is refused with 401 without a token", async () => {
    const res = await as(t.app, "").get("/plans");
    expect(res.status).toBe(401);
  });
});
