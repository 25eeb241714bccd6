/** Companies through the API: CRUD, the normalised domain, lists, CSV, and the refusals every endpoint owes. */
import { startCrmTestApp, type CrmTestApp } from "../../../test/harness";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

describe("companies", () => {
  it("creates with a normalised domain, reads it back, and refuses a second company with the domain (409 naming it)", async () => {
    const org = t.organization();
    const res = await org.api.post("/companies", { name: "Acme", domain: "https://www.Acme.example/about", tags: ["key"] });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/crm/companies/${res.body.data.id}`);
    expect(res.body.data).toMatchObject({ name: "Acme", domain: "acme.example", tags: ["key"], customerId: null });
    expect((await org.api.get(`/companies/${res.body.data.id}`)).body.data).toEqual(res.body.data);

    const again = await org.api.post("/companies", { name: "Acme again", domain: "ACME.example" });
    expect([again.status, again.body.error.code, again.body.error.details[0]]).toEqual([
      409,
      "CONFLICT",
      { path: "domain", message: "The company Acme has this domain", existing: { id: res.body.data.id } },
    ]);
    expect(await t.outboxTypes(org.id)).toEqual(["crm.company.created"]);
  });

  it("answers 400 with field details, 403 to a viewer's write, 404 for another organization's company", async () => {
    const org = t.organization();
    const bad = await org.api.post("/companies", { name: "", domain: "not a domain", size: "huge", extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["domain", "extra", "name", "size"]);
    const viewer = t.api(t.viewerToken(org.id));
    expect((await viewer.post("/companies", { name: "Nope" })).status).toBe(403);
    expect((await viewer.get("/companies")).status).toBe(200);
    const mine = await org.api.post("/companies", { name: "Mine" });
    const other = t.organization();
    for (const res of [
      await other.api.get(`/companies/${mine.body.data.id}`),
      await other.api.patch(`/companies/${mine.body.data.id}`, { name: "Stolen" }),
      await other.api.delete(`/companies/${mine.body.data.id}`),
      await other.api.get(`/companies/${mine.body.data.id}/timeline`),
    ]) {
      expect([res.status, res.body.error.code]).toEqual([404, "NOT_FOUND"]);
    }
    expect((await org.api.get(`/companies/${mine.body.data.id}`)).body.data.name).toBe("Mine");
  });

  it("changes fields (one event with the changed fields; an empty change writes nothing) and deletes", async () => {
    const org = t.organization();
    const { id } = (await org.api.post("/companies", { name: "Globex" })).body.data;
    const changed = await org.api.patch(`/companies/${id}`, { industry: "Energy", size: "51-200" });
    expect(changed.body.data).toMatchObject({ industry: "Energy", size: "51-200" });
    expect((await org.api.patch(`/companies/${id}`, { industry: "Energy" })).status).toBe(200);
    const rows = await t.outbox(org.id);
    expect(rows.map((r) => [r.event_type, r.envelope.data.changedFields ?? null])).toEqual([
      ["crm.company.created", null],
      ["crm.company.updated", ["industry", "size"]],
    ]);
    const timeline = await org.api.get(`/companies/${id}/timeline`);
    expect(timeline.body.data.map((e: { change: { kind: string } }) => e.change.kind)).toEqual(["updated", "created"]);
    expect(timeline.body.data[0].change.changes).toEqual([
      { field: "industry", before: null, after: "Energy" },
      { field: "size", before: null, after: "51-200" },
    ]);
    expect((await org.api.delete(`/companies/${id}`)).status).toBe(204);
    expect((await org.api.get(`/companies/${id}`)).status).toBe(404);
  });

  it("refuses deleting a company contacts refer to (409 COMPANY_IN_USE)", async () => {
    const org = t.organization();
    const { id } = (await org.api.post("/companies", { name: "Initech" })).body.data;
    expect((await org.api.post("/contacts", { firstName: "Peter", companyId: id })).status).toBe(201);
    const res = await org.api.delete(`/companies/${id}`);
    expect([res.status, res.body.error.code]).toEqual([409, "COMPANY_IN_USE"]);
  });

  it("lists with a cursor, sort allow-list, filters, q over names and domains, and count=true", async () => {
    const org = t.organization();
    const owner = t.member(org.id);
    for (const [name, domain] of [["Delta", "delta.example"], ["Alpha", "alpha.example"], ["Charlie", null], ["Bravo", "bravo-shop.example"]] as const) {
      await org.api.post("/companies", { name, domain, ownerId: name === "Alpha" ? owner : undefined, tags: name === "Bravo" ? ["vip"] : [] });
    }
    const first = await org.api.get("/companies?limit=2&count=true");
    expect(first.body.data.map((c: { name: string }) => c.name)).toEqual(["Alpha", "Bravo"]);
    expect(first.body.page).toMatchObject({ limit: 2, hasMore: true, total: 4 });
    const second = await org.api.get(`/companies?limit=2&cursor=${first.body.page.nextCursor}`);
    expect(second.body.data.map((c: { name: string }) => c.name)).toEqual(["Charlie", "Delta"]);
    expect((await org.api.get("/companies?sort=-name&limit=1")).body.data[0].name).toBe("Delta");
    expect((await org.api.get("/companies?q=SHOP")).body.data.map((c: { name: string }) => c.name)).toEqual(["Bravo"]);
    expect((await org.api.get("/companies?tag=vip")).body.data.map((c: { name: string }) => c.name)).toEqual(["Bravo"]);
    expect((await org.api.get(`/companies?ownerId=${owner}`)).body.data.map((c: { name: string }) => c.name)).toEqual(["Alpha"]);
    expect((await org.api.get("/companies?sort=domain")).status).toBe(400);
  });

  it("exports CSV and imports it back: a dry run reports, upsert by domain updates, create refuses a taken domain", async () => {
    const org = t.organization();
    await org.api.post("/companies", { name: "Umbrella", domain: "umbrella.example", industry: "Pharma" });
    const csv = await org.api.get("/companies/export.csv");
    expect(csv.status).toBe(200);
    expect(csv.text.split("\n")[0]).toContain("name,domain,industry");
    const file = "name,domain,industry\nUmbrella Corp,UMBRELLA.example,Biotech\nWayne,wayne.example,\n";
    const dry = await org.api.postCsv("/companies/import?dryRun=true&mode=upsert", file);
    expect(dry.body.data).toMatchObject({ dryRun: true, created: 1, updated: 1, imported: 0, errors: [] });
    expect(dry.body.data.rows[0]).toMatchObject({ action: "update", changedFields: ["name", "industry"] });
    const refused = await org.api.postCsv("/companies/import", file);
    expect([refused.status, refused.body.error.code]).toEqual([422, "IMPORT_INVALID_ROWS"]);
    const done = await org.api.postCsv("/companies/import?mode=upsert", file);
    expect(done.body.data).toMatchObject({ imported: 2, created: 1, updated: 1 });
    const list = await org.api.get("/companies?sort=name");
    expect(list.body.data.map((c: { name: string; industry: string | null }) => [c.name, c.industry])).toEqual([
      ["Umbrella Corp", "Biotech"],
      ["Wayne", null],
    ]);
  });
});
