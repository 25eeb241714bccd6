import { as, startTenantTestApp, type TenantTestApp } from "../../../test/harness";
import { permissions } from "../../permissions";

let t: TenantTestApp;
beforeAll(async () => {
  t = await startTenantTestApp();
});
afterAll(() => t.close());

describe("GET /modules", () => {
  it("lists every module with whether it is on and whether the plan includes it", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).get("/modules");
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { module: "master-data", enabled: true, includedInPlan: true },
      { module: "finance", enabled: false, includedInPlan: false },
      { module: "crm", enabled: false, includedInPlan: false },
      { module: "notifications", enabled: true, includedInPlan: true },
    ]);
    expect(res.body.page).toMatchObject({ hasMore: false, nextCursor: null });
  });

  it("is refused with 403 without tenant.module.read", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, await t.token(org.id, [permissions.moduleUpdate])).get("/modules");
    expect(res.status).toBe(403);
  });
});

describe("PUT /modules/{module}", () => {
  it("switches a module off and on again, with an event each time", async () => {
    const org = await t.createActiveOrganization();
    const off = await as(t.app, org.token).put("/modules/notifications", { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body.data).toEqual({ module: "notifications", enabled: false, includedInPlan: true });
    const on = await as(t.app, org.token).put("/modules/notifications", { enabled: true });
    expect(on.body.data.enabled).toBe(true);

    const events = (await t.outbox(org.id)).slice(1);
    expect(events.map((e) => [e.event_type, e.envelope.data])).toEqual([
      ["tenant.module.disabled", { module: "notifications", reason: "requested" }],
      ["tenant.module.enabled", { module: "notifications", reason: "requested" }],
    ]);
  });

  it("switching to the state it already has writes no event", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).put("/modules/master-data", { enabled: true });
    expect(res.status).toBe(200);
    expect(await t.outboxTypes(org.id)).toEqual(["tenant.organization.created"]);
  });

  it("answers 422 when the plan does not include the module, and writes nothing", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).put("/modules/finance", { enabled: true });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("MODULE_NOT_IN_PLAN");
    const access = await t.internal.get(`/organizations/${org.id}/access`);
    expect(access.body.data.enabledModules).not.toContain("finance");
    expect(await t.outboxTypes(org.id)).toEqual(["tenant.organization.created"]);
  });

  it("answers 404 for an unknown module", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).put("/modules/payroll", { enabled: true });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });

  it.each([[{}], [{ enabled: "yes" }], [{ enabled: false, module: "crm" }]])(
    "answers 400 with details for %j and writes nothing",
    async (body) => {
      const org = await t.createActiveOrganization();
      const res = await as(t.app, org.token).put("/modules/notifications", body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.length).toBeGreaterThan(0);
      expect(await t.outboxTypes(org.id)).toEqual(["tenant.organization.created"]);
    },
  );

  it("is refused with 403 without tenant.module.update", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, await t.token(org.id, [permissions.moduleRead])).put("/modules/notifications", {
      enabled: false,
    });
    expect(res.status).toBe(403);
    const access = await t.internal.get(`/organizations/${org.id}/access`);
    expect(access.body.data.enabledModules).toContain("notifications");
  });

  it("changes only the caller's organization", async () => {
    const mine = await t.createActiveOrganization();
    const theirs = await t.createActiveOrganization();
    await as(t.app, mine.token).put("/modules/notifications", { enabled: false });
    const access = await t.internal.get(`/organizations/${theirs.id}/access`);
    expect(access.body.data.enabledModules).toEqual(["master-data", "notifications"]);
  });
});
