/** Leads through the API: statuses, and conversion (idempotent, linking instead of duplicating, concurrent-safe). */
import { startCrmTestApp, type CrmTestApp } from "../../../test/harness";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

const lead = { name: "Ann Miller", companyName: "Acme Trading", email: " Ann@Acme.example", phone: "+49 40 1234567", estimatedValue: "12000.00", currency: "EUR" };

describe("leads", () => {
  it("moves new → contacted → qualified, refuses illegal moves (409), and disqualifies with a reason", async () => {
    const org = t.organization();
    const { id } = (await org.api.post("/leads", lead)).body.data;
    expect((await org.api.post(`/leads/${id}/contacted`)).body.data.status).toBe("contacted");
    expect((await org.api.post(`/leads/${id}/contacted`)).body.error.code).toBe("INVALID_STATE");
    expect((await org.api.post(`/leads/${id}/qualify`)).body.data.status).toBe("qualified");
    expect((await org.api.post(`/leads/${id}/disqualify`, {})).status).toBe(400);
    const out = await org.api.post(`/leads/${id}/disqualify`, { reason: "No budget" });
    expect(out.body.data).toMatchObject({ status: "disqualified", disqualifyReason: "No budget" });
    for (const action of ["contacted", "qualify", "convert"]) {
      expect([action, (await org.api.post(`/leads/${id}/${action}`, {})).status]).toEqual([action, 409]);
    }
    expect(await t.outboxTypes(org.id)).toEqual(["crm.lead.created", "crm.lead.qualified", "crm.lead.disqualified"]);
    expect((await t.api(t.viewerToken(org.id)).post(`/leads/${id}/convert`, {})).status).toBe(403);
    expect((await t.organization().api.post(`/leads/${id}/convert`, {})).status).toBe(404);
  });

  it("every move a lead's status does not allow is 409 INVALID_STATE; every allowed one succeeds (converting again answers the first conversion)", async () => {
    const org = t.organization();
    const reach: Record<string, string[]> = {
      new: [],
      contacted: ["contacted"],
      qualified: ["qualify"],
      disqualified: ["disqualify"],
      converted: ["convert"],
    };
    const allowed: Record<string, string[]> = {
      new: ["contacted", "qualify", "disqualify", "convert"],
      contacted: ["qualify", "disqualify", "convert"],
      qualified: ["disqualify", "convert"],
      disqualified: [],
      converted: ["convert"],
    };
    const body = (action: string) => (action === "disqualify" ? { reason: "No budget" } : {});
    for (const [status, steps] of Object.entries(reach)) {
      for (const action of ["contacted", "qualify", "disqualify", "convert"]) {
        const { id } = (await org.api.post("/leads", { name: `${status} ${action}` })).body.data;
        for (const step of steps) expect((await org.api.post(`/leads/${id}/${step}`, body(step))).status).toBe(200);
        const res = await org.api.post(`/leads/${id}/${action}`, body(action));
        const expected = allowed[status]!.includes(action) ? [200, undefined] : [409, "INVALID_STATE"];
        expect([status, action, res.status, res.body.error?.code]).toEqual([status, action, ...expected]);
      }
    }
    // A converted lead is read-only.
    const { id } = (await org.api.post("/leads", { name: "Read only" })).body.data;
    await org.api.post(`/leads/${id}/convert`, {});
    expect((await org.api.patch(`/leads/${id}`, { name: "Changed" })).body.error.code).toBe("INVALID_STATE");
  });

  it("converts once: a company from the name and domain, a contact, an opportunity from the estimate; a second call answers the first", async () => {
    const org = t.organization();
    const created = (await org.api.post("/leads", lead)).body.data;
    expect(created).toMatchObject({ email: "Ann@Acme.example", phone: "+49401234567", status: "new" });
    const first = await org.api.post(`/leads/${created.id}/convert`, { opportunity: { expectedCloseDate: "2026-03-31" } });
    expect(first.status).toBe(200);
    const again = await org.api.post(`/leads/${created.id}/convert`, { opportunity: {} });
    expect(again.body.data).toEqual(first.body.data);
    const { companyId, contactId, opportunityId } = first.body.data;
    expect((await org.api.get(`/companies/${companyId}`)).body.data).toMatchObject({ name: "Acme Trading", domain: "acme.example" });
    expect((await org.api.get(`/contacts/${contactId}`)).body.data).toMatchObject({ firstName: "Ann", lastName: "Miller", companyId });
    expect((await org.api.get(`/opportunities/${opportunityId}`)).body.data).toMatchObject({
      name: "Acme Trading",
      amount: "12000.00",
      currency: "EUR",
      expectedCloseDate: "2026-03-31",
      companyId,
      contactId,
      status: "open",
    });
    expect((await org.api.get(`/leads/${created.id}`)).body.data).toMatchObject({ status: "converted", companyId, contactId, opportunityId });
    const converted = (await t.outbox(org.id)).filter((r) => r.event_type === "crm.lead.converted");
    expect(converted).toHaveLength(1);
    expect(converted[0]!.envelope.data).toEqual({
      sourceReference: `crm.company:${companyId}`,
      companyId,
      companyCreated: true,
      customerId: null,
      contactId,
      contactCreated: true,
      opportunityId,
      customer: { legalName: "Acme Trading", type: "company", email: "Ann@Acme.example", phone: "+49401234567", website: "https://acme.example", currency: "EUR" },
    });
    expect((await org.api.patch(`/leads/${created.id}`, { name: "X" })).body.error.code).toBe("INVALID_STATE");
  });

  it("links the company with the domain and the contact with the normalised address instead of duplicating them", async () => {
    const org = t.organization();
    const company = (await org.api.post("/companies", { name: "Acme (existing)", domain: "acme.example" })).body.data;
    const contact = (await org.api.post("/contacts", { firstName: "Ann", emails: ["ANN@acme.example"] })).body.data;
    const { id } = (await org.api.post("/leads", lead)).body.data;
    const res = await org.api.post(`/leads/${id}/convert`, {});
    expect(res.body.data).toMatchObject({ companyId: company.id, contactId: contact.id, opportunityId: null });
    // The contact had no company: it gets the linked one, nothing else changes.
    expect((await org.api.get(`/contacts/${contact.id}`)).body.data).toMatchObject({ companyId: company.id, firstName: "Ann", lastName: null });
    expect((await org.api.get("/companies?count=true")).body.page.total).toBe(1);
    expect((await org.api.get("/contacts?count=true")).body.page.total).toBe(1);
    const event = (await t.outbox(org.id)).find((r) => r.event_type === "crm.lead.converted")!;
    expect(event.envelope.data).toMatchObject({ companyCreated: false, contactCreated: false });
  });

  it("a lead from a free mailbox without a company name becomes a contact only (the customer is the person)", async () => {
    const org = t.organization();
    const { id } = (await org.api.post("/leads", { name: "Sam Solo", email: "sam@gmail.com" })).body.data;
    const res = await org.api.post(`/leads/${id}/convert`, {});
    expect(res.body.data.companyId).toBeNull();
    const event = (await t.outbox(org.id)).find((r) => r.event_type === "crm.lead.converted")!;
    expect(event.envelope.data.customer).toMatchObject({ legalName: "Sam Solo", type: "individual", website: null });
  });

  it("concurrent conversions of the same lead make one company, one contact, one opportunity and one event", async () => {
    const org = t.organization();
    const { id } = (await org.api.post("/leads", lead)).body.data;
    const results = await Promise.all(Array.from({ length: 5 }, () => org.api.post(`/leads/${id}/convert`, { opportunity: {} })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => JSON.stringify(r.body.data))).size).toBe(1);
    expect((await org.api.get("/companies?count=true")).body.page.total).toBe(1);
    expect((await org.api.get("/contacts?count=true")).body.page.total).toBe(1);
    expect((await org.api.get("/opportunities?count=true")).body.page.total).toBe(1);
    expect((await t.outboxTypes(org.id)).filter((type) => type === "crm.lead.converted")).toHaveLength(1);
  });

  it("two leads of one company converting at once make one company", async () => {
    const org = t.organization();
    const a = (await org.api.post("/leads", { ...lead, email: "a@globex.example", companyName: "Globex" })).body.data;
    const b = (await org.api.post("/leads", { ...lead, email: "b@globex.example", companyName: "Globex" })).body.data;
    const [ra, rb] = await Promise.all([org.api.post(`/leads/${a.id}/convert`, {}), org.api.post(`/leads/${b.id}/convert`, {})]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect(ra.body.data.companyId).toBe(rb.body.data.companyId);
    expect(ra.body.data.contactId).not.toBe(rb.body.data.contactId);
    // Both ask master-data for the company's customer: one key, so one customer.
    const references = (await t.outbox(org.id)).filter((r) => r.event_type === "crm.lead.converted").map((r) => r.envelope.data.sourceReference);
    expect(references).toEqual([`crm.company:${ra.body.data.companyId as string}`, `crm.company:${ra.body.data.companyId as string}`]);
  });

  it("lists with filters and q, exports (id first), and imports with a dry run", async () => {
    const org = t.organization();
    await org.api.post("/leads", { name: "Lena", source: "event", email: "lena@initech.example" });
    await org.api.post("/leads", { name: "Mo", source: "website" });
    expect((await org.api.get("/leads?source=event")).body.data.map((l: { name: string }) => l.name)).toEqual(["Lena"]);
    expect((await org.api.get("/leads?q=INITECH")).body.data.map((l: { name: string }) => l.name)).toEqual(["Lena"]);
    expect((await org.api.get("/leads?sort=name&limit=1")).body.data[0].name).toBe("Lena");
    const csv = await org.api.get("/leads/export.csv");
    expect(csv.text.split("\n")[0]).toBe("id,name,companyName,email,phone,source,ownerId,estimatedValue,currency,tags,notes");
    const file = "name,email,estimatedValue,currency\nNia,nia@x.example,100.50,USD\n,broken,5,\n";
    const dry = await org.api.postCsv("/leads/import?dryRun=true", file);
    expect(dry.body.data.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["rows.3.name", "rows.3.email"]));
    expect((await org.api.postCsv("/leads/import?mode=merge", file)).status).toBe(400);
    const ok = await org.api.postCsv("/leads/import", "name,email,estimatedValue,currency\nNia,nia@x.example,100.50,USD\n");
    expect(ok.body.data).toMatchObject({ imported: 1, created: 1 });
  });
});
