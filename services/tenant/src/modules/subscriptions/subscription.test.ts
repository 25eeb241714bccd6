import { as, startTenantTestApp, type TenantTestApp } from "../../../test/harness";
import { permissions } from "../../permissions";

let t: TenantTestApp;
beforeAll(async () => {
  t = await startTenantTestApp();
});
afterAll(() => t.close());

async function enabledModules(organizationId: string): Promise<string[]> {
  return (await t.internal.get(`/organizations/${organizationId}/access`)).body.data.enabledModules;
}

describe("GET /subscription", () => {
  it("returns the plan the organization is on", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).get("/subscription");
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      planCode: "free",
      plan: { code: "free", modules: ["master-data", "notifications"], limits: { seats: 3 } },
    });
  });

  it("is refused with 403 without tenant.subscription.read", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, await t.token(org.id, [permissions.organizationRead])).get("/subscription");
    expect(res.status).toBe(403);
  });

  it("shows each organization only its own subscription", async () => {
    const upgraded = await t.createActiveOrganization();
    const other = await t.createActiveOrganization();
    await as(t.app, upgraded.token).put("/subscription", { planCode: "enterprise" });
    expect((await as(t.app, other.token).get("/subscription")).body.data.planCode).toBe("free");
  });
});

describe("PUT /subscription", () => {
  it("upgrades, switching on the modules the new plan adds, with events", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).put("/subscription", { planCode: "pro" });
    expect(res.status).toBe(200);
    expect(res.body.data.planCode).toBe("pro");
    expect(res.body.data.plan.limits.seats).toBe(25);
    expect(await enabledModules(org.id)).toEqual(["crm", "finance", "master-data", "notifications"]);

    const events = await t.outbox(org.id);
    expect(events.map((e) => [e.event_type, e.envelope.data.module ?? e.envelope.data.planCode])).toEqual([
      ["tenant.organization.created", "free"],
      ["tenant.subscription.changed", "pro"],
      ["tenant.module.enabled", "finance"],
      ["tenant.module.enabled", "crm"],
    ]);
  });

  it("a downgrade disables the modules the new plan lacks", async () => {
    const org = await t.createActiveOrganization();
    await as(t.app, org.token).put("/subscription", { planCode: "enterprise" });
    expect(await enabledModules(org.id)).toEqual(["crm", "finance", "master-data", "notifications"]);

    const res = await as(t.app, org.token).put("/subscription", { planCode: "free" });
    expect(res.status).toBe(200);
    expect(await enabledModules(org.id)).toEqual(["master-data", "notifications"]);
    const disabled = (await t.outbox(org.id)).filter((e) => e.event_type === "tenant.module.disabled");
    expect(disabled.map((e) => e.envelope.data)).toEqual([
      { module: "crm", reason: "plan_changed" },
      { module: "finance", reason: "plan_changed" },
    ]);
  });

  it("keeps a module the organization switched off when the new plan still includes it", async () => {
    const org = await t.createActiveOrganization();
    await as(t.app, org.token).put("/modules/notifications", { enabled: false });
    await as(t.app, org.token).put("/subscription", { planCode: "pro" });
    expect(await enabledModules(org.id)).toEqual(["crm", "finance", "master-data"]);
  });

  it("the same plan again changes nothing and writes no event", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).put("/subscription", { planCode: "free" });
    expect(res.status).toBe(200);
    expect(await t.outboxTypes(org.id)).toEqual(["tenant.organization.created"]);
  });

  it("answers 422 for an unknown plan and changes nothing", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).put("/subscription", { planCode: "platinum" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("UNKNOWN_PLAN");
    expect((await as(t.app, org.token).get("/subscription")).body.data.planCode).toBe("free");
  });

  it.each([[{}], [{ planCode: 7 }], [{ planCode: "pro", startsAt: "tomorrow" }]])(
    "answers 400 with details for %j and writes nothing",
    async (body) => {
      const org = await t.createActiveOrganization();
      const res = await as(t.app, org.token).put("/subscription", body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details.length).toBeGreaterThan(0);
      expect((await as(t.app, org.token).get("/subscription")).body.data.planCode).toBe("free");
      expect(await t.outboxTypes(org.id)).toEqual(["tenant.organization.created"]);
    },
  );

  it("is refused with 403 without tenant.subscription.update (owners only)", async () => {
    const org = await t.createActiveOrganization();
    const admin = await t.token(org.id, [permissions.subscriptionRead, permissions.moduleUpdate]);
    const res = await as(t.app, admin).put("/subscription", { planCode: "pro" });
    expect(res.status).toBe(403);
    expect((await as(t.app, org.token).get("/subscription")).body.data.planCode).toBe("free");
  });
});
