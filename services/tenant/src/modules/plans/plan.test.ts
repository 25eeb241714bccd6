import { builtInRolePermissions } from "@erp/permissions";
import { as, startTenantTestApp, type TenantTestApp } from "../../../test/harness";
import { permissions } from "../../permissions";

let t: TenantTestApp;
beforeAll(async () => {
  t = await startTenantTestApp();
});
afterAll(() => t.close());

describe("GET /plans", () => {
  it("lists the seeded plans to every role, the viewer included", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, await t.token(org.id, builtInRolePermissions("viewer"))).get("/plans");
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

  it("is refused with 403 without tenant.plan.read", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, await t.token(org.id, [permissions.organizationRead])).get("/plans");
    expect(res.status).toBe(403);
  });

  it("is refused with 401 without a token", async () => {
    const res = await as(t.app, "").get("/plans");
    expect(res.status).toBe(401);
  });
});
