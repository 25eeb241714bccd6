import request from "supertest";
import { uuidv7 } from "@erp/db";
import { as, startTenantTestApp, type TenantTestApp } from "../../../test/harness";
import { sweepPendingOrganizations } from "./sweep-pending-organizations";

let t: TenantTestApp;
beforeAll(async () => {
  t = await startTenantTestApp();
});
afterAll(() => t.close());

async function countRows(organizationId: string) {
  const { rows } = await t.owner.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM tenant.organizations WHERE id = $1)
          + (SELECT count(*) FROM tenant.subscriptions WHERE organization_id = $1)
          + (SELECT count(*) FROM tenant.enabled_modules WHERE organization_id = $1)
          + (SELECT count(*) FROM tenant.organization_settings WHERE organization_id = $1)
          + (SELECT count(*) FROM tenant.pending_organizations WHERE organization_id = $1) AS n`,
    [organizationId],
  );
  return Number(rows[0]?.n);
}

describe("registration: create → activate → access", () => {
  it("creates a pending organization with the free plan, activates it and reports its access", async () => {
    const id = uuidv7();
    const created = await t.internal.post("/organizations", { id, name: "Initech", baseCurrency: "EUR", timezone: "Europe/Paris" });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/tenant/organizations/${id}`);
    expect(created.body.data).toMatchObject({ id, name: "Initech", slug: "initech", status: "pending", baseCurrency: "EUR" });

    const pending = await t.internal.get(`/organizations/${id}/access`);
    expect(pending.body.data).toEqual({ status: "pending", enabledModules: ["master-data", "notifications"] });
    expect(await t.outboxTypes(id)).toEqual([]);

    const activated = await t.internal.post(`/organizations/${id}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body.data.status).toBe("active");

    const access = await t.internal.get(`/organizations/${id}/access`);
    expect(access.status).toBe(200);
    expect(access.body.data).toEqual({ status: "active", enabledModules: ["master-data", "notifications"] });

    const events = await t.outbox(id);
    expect(events.map((e) => e.event_type)).toEqual(["tenant.organization.created"]);
    expect(events[0]?.envelope.data).toMatchObject({ name: "Initech", planCode: "free", status: "active" });
    expect(events[0]?.envelope.actor).toEqual({ type: "service", id: "tenant" });

    const subscription = await as(t.app, await t.token(id)).get("/subscription");
    expect(subscription.body.data.planCode).toBe("free");
  });

  it("is idempotent by id: the same id again answers 200 with the existing organization", async () => {
    const id = uuidv7();
    const first = await t.internal.post("/organizations", { id, name: "Repeat Ltd" });
    const second = await t.internal.post("/organizations", { id, name: "Repeat Ltd" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.data).toEqual(first.body.data);
    expect(await countRows(id)).toBe(1 + 1 + 2 + 1 + 1);
  });

  it("de-duplicates the slug generated from the name with a suffix", async () => {
    const name = `Dup Name ${uuidv7().slice(-8)}`;
    const slugs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.internal.post("/organizations", { id: uuidv7(), name });
      expect(res.status).toBe(201);
      slugs.push(res.body.data.slug);
    }
    const base = slugs[0] as string;
    expect(slugs).toEqual([base, `${base}-2`, `${base}-3`]);
  });

  it("repeating activation is a no-op and writes no second event", async () => {
    const org = await t.createActiveOrganization();
    const again = await t.internal.post(`/organizations/${org.id}/activate`);
    expect(again.status).toBe(200);
    expect(await t.outboxTypes(org.id)).toEqual(["tenant.organization.created"]);
  });

  it("answers 400 with details for a bad body and creates nothing", async () => {
    const id = uuidv7();
    const res = await t.internal.post("/organizations", { id, name: "Bad", baseCurrency: "EURO", extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "baseCurrency" })]),
    );
    expect(await countRows(id)).toBe(0);
  });

  it("answers 404 for unknown organizations", async () => {
    const id = uuidv7();
    expect((await t.internal.post(`/organizations/${id}/activate`)).status).toBe(404);
    expect((await t.internal.get(`/organizations/${id}/access`)).status).toBe(404);
    expect((await t.internal.delete(`/organizations/${id}`)).status).toBe(404);
  });

  it("requires the internal API key", async () => {
    const res = await request(t.app).post("/internal/organizations").send({ id: uuidv7(), name: "No Key" });
    expect(res.status).toBe(401);
    const org = await t.createActiveOrganization();
    const withUserToken = await request(t.app)
      .get(`/internal/organizations/${org.id}/access`)
      .set("Authorization", `Bearer ${org.token}`);
    expect(withUserToken.status).toBe(401);
  });

  it("is not reachable under the public base path", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).post(`/organizations/${org.id}/activate`);
    expect(res.status).toBe(404);
  });
});

describe("DELETE /internal/organizations/{id} (registration compensation)", () => {
  it("deletes a pending organization with everything of it", async () => {
    const id = uuidv7();
    await t.internal.post("/organizations", { id, name: "Half Made" });
    expect(await countRows(id)).toBeGreaterThan(0);
    const res = await t.internal.delete(`/organizations/${id}`);
    expect(res.status).toBe(204);
    expect(await countRows(id)).toBe(0);
  });

  it("is refused with 409 when the organization is active", async () => {
    const org = await t.createActiveOrganization();
    const res = await t.internal.delete(`/organizations/${org.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("INVALID_STATE");
    expect((await t.internal.get(`/organizations/${org.id}/access`)).body.data.status).toBe("active");
  });
});

describe("suspension (operators)", () => {
  it("suspends and reactivates, writing an event for each", async () => {
    const org = await t.createActiveOrganization();
    const suspended = await t.internal.post(`/organizations/${org.id}/suspend`);
    expect(suspended.status).toBe(200);
    expect(suspended.body.data.status).toBe("suspended");
    expect((await t.internal.get(`/organizations/${org.id}/access`)).body.data.status).toBe("suspended");

    const reactivated = await t.internal.post(`/organizations/${org.id}/reactivate`);
    expect(reactivated.body.data.status).toBe("active");
    expect(await t.outboxTypes(org.id)).toEqual([
      "tenant.organization.created",
      "tenant.organization.suspended",
      "tenant.organization.reactivated",
    ]);
  });

  it("refuses every illegal transition with 409 INVALID_STATE and writes nothing", async () => {
    const pendingId = uuidv7();
    await t.internal.post("/organizations", { id: pendingId, name: "Still Pending" });
    const active = await t.createActiveOrganization();
    const suspended = await t.createActiveOrganization();
    await t.internal.post(`/organizations/${suspended.id}/suspend`);

    const illegal = [
      `/organizations/${pendingId}/suspend`,
      `/organizations/${pendingId}/reactivate`,
      `/organizations/${active.id}/reactivate`,
      `/organizations/${suspended.id}/suspend`,
      `/organizations/${suspended.id}/activate`,
    ];
    for (const path of illegal) {
      const res = await t.internal.post(path);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 409, "INVALID_STATE"]);
    }
    expect((await t.internal.delete(`/organizations/${suspended.id}`)).status).toBe(409);
    expect(await t.outboxTypes(pendingId)).toEqual([]);
    expect(await t.outboxTypes(active.id)).toEqual(["tenant.organization.created"]);
    expect(await t.outboxTypes(suspended.id)).toEqual(["tenant.organization.created", "tenant.organization.suspended"]);
  });

  it("is not offered to tenants", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).post("/organizations/current/suspend");
    expect(res.status).toBe(404);
  });
});

describe("the pending sweeper", () => {
  it("removes pending organizations older than the cut-off and leaves the rest", async () => {
    const stale = uuidv7();
    const fresh = uuidv7();
    await t.internal.post("/organizations", { id: stale, name: "Crashed Registration" });
    await t.internal.post("/organizations", { id: fresh, name: "Registration In Progress" });
    const active = await t.createActiveOrganization();
    const longAgo = "now() - interval '20 minutes'";
    await t.owner.query(`UPDATE tenant.organizations SET created_at = ${longAgo} WHERE id = ANY($1)`, [[stale, active.id]]);
    await t.owner.query(`UPDATE tenant.pending_organizations SET created_at = ${longAgo} WHERE organization_id = $1`, [stale]);

    const deleted = await sweepPendingOrganizations(t.db, 15 * 60_000);

    expect(deleted).toBe(1);
    expect(await countRows(stale)).toBe(0);
    expect((await t.internal.get(`/organizations/${fresh}/access`)).body.data.status).toBe("pending");
    expect((await t.internal.get(`/organizations/${active.id}/access`)).body.data.status).toBe("active");
  });
});

describe("the profile other services look up (finance, for an organization whose events it missed)", () => {
  it("GET /internal/organizations/{id} and /settings answer the organization and its settings; an unknown id is 404", async () => {
    const id = uuidv7();
    await t.internal.post("/organizations", { id, name: "Profiled", baseCurrency: "CHF", timezone: "Europe/Zurich" });
    await t.internal.post(`/organizations/${id}/activate`);
    const organization = await t.internal.get(`/organizations/${id}`);
    expect(organization.status).toBe(200);
    expect(organization.body.data).toMatchObject({ id, baseCurrency: "CHF", status: "active" });
    const settings = await t.internal.get(`/organizations/${id}/settings`);
    expect(settings.status).toBe(200);
    expect(settings.body.data.fiscalYearStartMonth).toBe(1);
    expect((await t.internal.get(`/organizations/${uuidv7()}`)).status).toBe(404);
    expect((await t.internal.get(`/organizations/${uuidv7()}/settings`)).status).toBe(404);
    expect((await request(t.app).get(`/internal/organizations/${id}`)).status).toBe(401);
  });
});
