import { as, startTenantTestApp, type TenantTestApp } from "../../../test/harness";
import { permissions } from "../../permissions";
import { defaultSettings } from "./settings.schemas";

let t: TenantTestApp;
beforeAll(async () => {
  t = await startTenantTestApp();
});
afterAll(() => t.close());

describe("GET /settings", () => {
  it("returns the defaults for a new organization", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).get("/settings");
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(defaultSettings);
    expect(res.body.data.allowNegativeStock).toBe(false);
  });

  it("is refused with 403 without tenant.settings.read", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, await t.token(org.id, [permissions.settingsUpdate])).get("/settings");
    expect(res.status).toBe(403);
  });
});

describe("PATCH /settings", () => {
  it("changes the given settings, keeps the others, and writes tenant.settings.updated", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).patch("/settings", { fiscalYearStartMonth: 4, allowNegativeStock: true, locale: "de-DE" });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ...defaultSettings, fiscalYearStartMonth: 4, allowNegativeStock: true, locale: "de-DE" });
    expect((await as(t.app, org.token).get("/settings")).body.data).toEqual(res.body.data);

    const [event] = (await t.outbox(org.id)).filter((e) => e.event_type === "tenant.settings.updated");
    expect(event?.envelope.data.changedFields).toEqual(["fiscalYearStartMonth", "allowNegativeStock", "locale"]);
  });

  it.each([
    [{ fiscalYearStartMonth: 13 }, "fiscalYearStartMonth"],
    [{ fiscalYearStartMonth: 0 }, "fiscalYearStartMonth"],
    [{ defaultPaymentTermsDays: 366 }, "defaultPaymentTermsDays"],
    [{ dateFormat: "yyyy/dd/mm" }, "dateFormat"],
    [{ allowNegativeStock: "true" }, "allowNegativeStock"],
    [{ locale: "not a locale!" }, "locale"],
    [{ theme: "dark" }, "theme"],
    [{ address: { line1: "Main St 1", city: "Berlin", country: "de" } }, "address.country"],
    [{ address: { line1: "Main St 1", country: "DE" } }, "address.city"],
    [{ address: { line1: "Main St 1", city: "Berlin", country: "DE", floor: 3 } }, "address.floor"],
    [{ taxId: "" }, "taxId"],
    [{ taxId: "DE\t123" }, "taxId"],
    [{ address: { line1: "Main St 1\nFloor 2", city: "Berlin", country: "DE" } }, "address.line1"],
    [{ address: { line1: "Main St 1", city: "Berlin", country: "XX" } }, "address.country"],
  ])("answers 400 with details for %j and writes nothing", async (body, path) => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, org.token).patch("/settings", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect((await as(t.app, org.token).get("/settings")).body.data).toEqual(defaultSettings);
    expect(await t.outboxTypes(org.id)).toEqual(["tenant.organization.created"]);
  });

  it("keeps the organization's postal address and tax id (printed on its documents); the same address again changes nothing; null clears it", async () => {
    const org = await t.createActiveOrganization();
    const address = { line1: "Friedrichstrasse 100", city: "Berlin", postalCode: "10117", country: "DE" };
    const res = await as(t.app, org.token).patch("/settings", { address, taxId: " DE123456789 " });
    expect(res.status).toBe(200);
    const stored = { ...address, line2: null, region: null };
    expect(res.body.data).toEqual({ ...defaultSettings, address: stored, taxId: "DE123456789" });

    // The same address, its optional parts spelled out: nothing changed, no event.
    expect((await as(t.app, org.token).patch("/settings", { address: stored })).status).toBe(200);
    const updates = async () => (await t.outbox(org.id)).filter((e) => e.event_type === "tenant.settings.updated");
    expect((await updates()).map((e) => e.envelope.data.changedFields)).toEqual([["address", "taxId"]]);

    const cleared = await as(t.app, org.token).patch("/settings", { address: null });
    expect(cleared.body.data).toEqual({ ...defaultSettings, taxId: "DE123456789" });
    expect((await updates()).map((e) => e.envelope.data.changedFields)).toEqual([["address", "taxId"], ["address"]]);
  });

  it("is refused with 403 without tenant.settings.update", async () => {
    const org = await t.createActiveOrganization();
    const res = await as(t.app, await t.token(org.id, [permissions.settingsRead])).patch("/settings", {
      allowNegativeStock: true,
    });
    expect(res.status).toBe(403);
    expect((await as(t.app, org.token).get("/settings")).body.data.allowNegativeStock).toBe(false);
  });

  it("changes only the caller's organization", async () => {
    const mine = await t.createActiveOrganization();
    const theirs = await t.createActiveOrganization();
    await as(t.app, mine.token).patch("/settings", { defaultPaymentTermsDays: 60 });
    expect((await as(t.app, theirs.token).get("/settings")).body.data.defaultPaymentTermsDays).toBe(30);
  });
});
