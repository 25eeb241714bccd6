import { uuidv7 } from "@erp/db";
import { as, startTenantTestApp, type TenantTestApp } from "../../../test/harness";
import { permissions } from "../../permissions";

let t: TenantTestApp;
beforeAll(async () => {
  t = await startTenantTestApp();
});
afterAll(() => t.close());

describe("GET /organizations/current", () => {
  it("returns the caller's organization", async () => {
    const org = await t.createActiveOrganization("Globex Corporation");
    const res = await as(t.app, org.token).get("/organizations/current");
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: org.id,
      name: "Globex Corporation",
      slug: "globex-corporation",
      baseCurrency: "USD",
      timezone: "UTC",
      status: "active",
    });
  });

  it("is refused with 403 without tenant.organization.read", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, await t.token(org.id, [permissions.moduleRead])).get("/organizations/current");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("is refused with 401 without a token", async () => {
    const res = await as(t.app, "not-a-token").get("/organizations/current");
    expect(res.status).toBe(401);
  });

  it("answers 404 when the token's organization does not exist", async () => {
    const res = await as(t.app, await t.token(uuidv7())).get("/organizations/current");
    expect(res.status).toBe(404);
  });
});

describe("GET /organizations/{id}", () => {
  it("returns the caller's own organization by id", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).get(`/organizations/${org.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(org.id);
  });

  it("answers 404 for another organization, which exists", async () => {
    const mine = await t.createActiveOrganization();
    const theirs = await t.createActiveOrganization();
    const res = await as(t.app, mine.token).get(`/organizations/${theirs.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });

  it("answers 400 with details for an id that is not a uuid", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).get("/organizations/nope");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: "id" })]);
  });

  it("is refused with 403 without tenant.organization.read", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, await t.token(org.id, [])).get(`/organizations/${org.id}`);
    expect(res.status).toBe(403);
  });
});

describe("PATCH /organizations/current", () => {
  it("changes name, slug, currency and time zone and writes tenant.organization.updated", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).patch("/organizations/current", {
      name: "Acme Europe",
      slug: `acme-eu-${org.id.slice(-6)}`,
      baseCurrency: "EUR",
      timezone: "Europe/Berlin",
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: "Acme Europe", baseCurrency: "EUR", timezone: "Europe/Berlin" });

    const events = await t.outbox(org.id);
    const updated = events.filter((e) => e.event_type === "tenant.organization.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]?.envelope.data).toMatchObject({
      baseCurrency: "EUR",
      changedFields: ["name", "slug", "baseCurrency", "timezone"],
    });
    expect(updated[0]?.envelope.actor.type).toBe("user");
  });

  it("writes no event when nothing actually changes", async () => {
    const org = await t.createActiveOrganization("Same Name Ltd");
    const res = await as(t.app, org.token).patch("/organizations/current", { name: "Same Name Ltd" });
    expect(res.status).toBe(200);
    expect(await t.outboxTypes(org.id)).not.toContain("tenant.organization.updated");
  });

  it("answers 409 when the slug belongs to another organization, and writes nothing", async () => {
    const other = await t.createActiveOrganization("Taken Slug Inc");
    const org = await t.createActiveOrganization();
    const otherSlug = (await as(t.app, other.token).get("/organizations/current")).body.data.slug;
    const res = await as(t.app, org.token).patch("/organizations/current", { name: "Renamed", slug: otherSlug });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("CONFLICT");
    const after = await as(t.app, org.token).get("/organizations/current");
    expect(after.body.data.name).not.toBe("Renamed");
    expect(await t.outboxTypes(org.id)).not.toContain("tenant.organization.updated");
  });

  it.each([
    [{ baseCurrency: "usd" }, "baseCurrency"],
    [{ baseCurrency: "XYZ" }, "baseCurrency"],
    [{ timezone: "Mars/Olympus_Mons" }, "timezone"],
    [{ slug: "Not A Slug" }, "slug"],
    [{ name: "" }, "name"],
    [{ status: "active" }, "status"],
  ])("answers 400 with details for %j and writes nothing", async (body, path) => {
    const org = await t.createActiveOrganization();
    const before = (await as(t.app, org.token).get("/organizations/current")).body.data;
    const res = await as(t.app, org.token).patch("/organizations/current", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect((await as(t.app, org.token).get("/organizations/current")).body.data).toEqual(before);
    expect(await t.outboxTypes(org.id)).not.toContain("tenant.organization.updated");
  });

  it("answers 400 for an empty body", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).patch("/organizations/current", {});
    expect(res.status).toBe(400);
    expect(res.body.error.details.length).toBeGreaterThan(0);
  });

  it("is refused with 403 without tenant.organization.update", async () => {
    const org = await t.createActiveOrganization();
    const token = await t.token(org.id, [permissions.organizationRead]);
    const res = await as(t.app, token).patch("/organizations/current", { name: "Nope" });
    expect(res.status).toBe(403);
    expect((await as(t.app, org.token).get("/organizations/current")).body.data.name).not.toBe("Nope");
  });

  it("only ever touches the caller's organization", async () => {
    const mine = await t.createActiveOrganization("Mine Inc");
    const theirs = await t.createActiveOrganization("Theirs Inc");
    await as(t.app, mine.token).patch("/organizations/current", { name: "Mine Renamed" });
    const res = await as(t.app, theirs.token).get("/organizations/current");
    expect(res.body.data.name).toBe("Theirs Inc");
  });
});
