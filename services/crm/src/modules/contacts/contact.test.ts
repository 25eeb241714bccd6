/** Contacts through the API: normalised emails and E.164 phones, duplicates, merges, lists and CSV. */
import { startCrmTestApp, type CrmTestApp } from "../../../test/harness";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

describe("contacts", () => {
  it("stores emails trimmed, compares them lower-cased (409 with the holder's id), keeps + addressing distinct, and phones in E.164", async () => {
    const org = t.organization();
    const ann = await org.api.post("/contacts", {
      firstName: "Ann",
      lastName: "Miller",
      emails: [" Ann.Miller@Acme.example "],
      phones: [{ number: "040 1234567", country: "DE", label: "work" }, "+1 (212) 555-0100"],
    });
    expect(ann.status).toBe(201);
    expect(ann.body.data).toMatchObject({
      name: "Ann Miller",
      emails: [{ email: "Ann.Miller@Acme.example", label: null, primary: true }],
      phones: [
        { number: "+49401234567", label: "work", primary: true },
        { number: "+12125550100", label: null, primary: false },
      ],
    });
    const duplicate = await org.api.post("/contacts", { firstName: "Annie", emails: ["ann.miller@acme.EXAMPLE"] });
    expect([duplicate.status, duplicate.body.error.code, duplicate.body.error.details[0]]).toEqual([
      409,
      "CONFLICT",
      { path: "emails.0", message: "Another contact has this email address", existing: { id: ann.body.data.id } },
    ]);
    const plus = await org.api.post("/contacts", { firstName: "Ann", emails: ["ann.miller+crm@acme.example"] });
    expect(plus.status).toBe(201);
    // Another organization may have the same address.
    expect((await t.organization().api.post("/contacts", { firstName: "Ann", emails: ["ann.miller@acme.example"] })).status).toBe(201);
    const badPhone = await org.api.post("/contacts", { firstName: "Bob", phones: ["12345"], emails: ["a@b.example", "A@B.example"] });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["emails", "phones.0"]);
  });

  it("403 for a viewer's writes, 404 for another organization's contact, 409 when a change takes another contact's address", async () => {
    const org = t.organization();
    const a = (await org.api.post("/contacts", { firstName: "A", emails: ["a@x.example"] })).body.data;
    const b = (await org.api.post("/contacts", { firstName: "B", emails: ["b@x.example"] })).body.data;
    const viewer = t.api(t.viewerToken(org.id));
    expect((await viewer.patch(`/contacts/${a.id}`, { firstName: "Z" })).status).toBe(403);
    expect((await viewer.post(`/contacts/${a.id}/merge`, { intoId: b.id })).status).toBe(403);
    const other = t.organization();
    expect((await other.api.get(`/contacts/${a.id}`)).status).toBe(404);
    expect((await other.api.post(`/contacts/${a.id}/merge`, { intoId: b.id })).status).toBe(404);
    const taken = await org.api.patch(`/contacts/${b.id}`, { emails: ["b@x.example", " A@X.example"] });
    expect([taken.status, taken.body.error.details[0].existing]).toEqual([409, { id: a.id }]);
    const renamed = await org.api.patch(`/contacts/${b.id}`, { jobTitle: "CTO" });
    expect(renamed.body.data.jobTitle).toBe("CTO");
  });

  it("lists likely duplicates: the same phone, or the same last name with equal or shortened first names", async () => {
    const org = t.organization();
    const robert = (await org.api.post("/contacts", { firstName: "Robert", lastName: "Smith", emails: ["rob@one.example"] })).body.data;
    const rob = (await org.api.post("/contacts", { firstName: " rob", lastName: "SMITH", emails: ["rob@two.example"] })).body.data;
    const p1 = (await org.api.post("/contacts", { firstName: "Carla", lastName: "Diaz", phones: ["+41 44 668 18 00"] })).body.data;
    const p2 = (await org.api.post("/contacts", { firstName: "C.", lastName: "Ortega", phones: [{ number: "044 668 18 00", country: "CH" }] })).body.data;
    await org.api.post("/contacts", { firstName: "Ann", emails: ["ann@x.example"] });
    await org.api.post("/contacts", { firstName: "Ann", emails: ["ann+news@x.example"] });
    const res = await org.api.get("/contacts/duplicates");
    expect(res.status).toBe(200);
    const pairs = res.body.data.map((p: { contacts: { id: string }[]; reasons: string[] }) => [p.contacts.map((c) => c.id), p.reasons]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        [[robert.id, rob.id], ["name"]],
        [[p1.id, p2.id], ["phone"]],
      ]),
    );
    // Ann and ann+news share no last name, number or address: + addressing is another address.
    expect(pairs).toHaveLength(2);
  });

  it("merges: activities, opportunities, emails, phones and tags move over, empty fields are filled, the old id redirects", async () => {
    const org = t.organization();
    const company = (await org.api.post("/companies", { name: "Acme" })).body.data;
    const survivor = (await org.api.post("/contacts", { firstName: "Ann", lastName: "Miller", emails: ["ann@acme.example"], tags: ["a"] })).body.data;
    const duplicate = (
      await org.api.post("/contacts", {
        firstName: "Ann",
        lastName: "Miller",
        jobTitle: "Buyer",
        companyId: company.id,
        emails: ["ann.m@home.example"],
        phones: ["+49 40 1234567"],
        tags: ["b"],
      })
    ).body.data;
    for (const subject of ["Call 1", "Call 2", "Call 3"]) {
      expect((await org.api.post("/activities", { type: "call", subject, contactId: duplicate.id })).status).toBe(201);
    }
    await org.api.post("/activities", { type: "note", subject: "Own note", contactId: survivor.id });
    const deal = (await org.api.post("/opportunities", { name: "Deal", contactId: duplicate.id })).body.data;

    const merged = await org.api.post(`/contacts/${duplicate.id}/merge`, { intoId: survivor.id });
    expect(merged.status).toBe(200);
    expect(merged.body.data).toMatchObject({
      id: survivor.id,
      jobTitle: "Buyer",
      companyId: company.id,
      tags: ["a", "b"],
      emails: [
        { email: "ann@acme.example", primary: true },
        { email: "ann.m@home.example", primary: false },
      ],
      phones: [{ number: "+49401234567" }],
    });
    const activities = await org.api.get(`/activities?contactId=${survivor.id}`);
    expect(activities.body.data.map((a: { subject: string }) => a.subject).sort()).toEqual(["Call 1", "Call 2", "Call 3", "Own note"]);
    expect((await org.api.get(`/opportunities/${deal.id}`)).body.data.contactId).toBe(survivor.id);
    // The old id resolves to the survivor, reads and timeline alike; it can no longer be changed.
    expect((await org.api.get(`/contacts/${duplicate.id}`)).body.data.id).toBe(survivor.id);
    const timeline = await org.api.get(`/contacts/${duplicate.id}/timeline?limit=200`);
    expect(timeline.body.data.filter((e: { type: string }) => e.type === "activity")).toHaveLength(4);
    expect((await org.api.patch(`/contacts/${duplicate.id}`, { firstName: "X" })).body.error.code).toBe("INVALID_STATE");
    // A new activity on the old id lands on the survivor; its address is free for nobody else.
    const late = await org.api.post("/activities", { type: "note", subject: "Late", contactId: duplicate.id });
    expect(late.body.data.contactId).toBe(survivor.id);
    expect((await org.api.post("/contacts", { firstName: "X", emails: ["ANN.M@home.example"] })).status).toBe(409);
    expect((await org.api.get("/contacts?status=merged")).body.data.map((c: { id: string }) => c.id)).toEqual([duplicate.id]);
    const merges = (await t.outbox(org.id)).filter((r) => r.event_type === "crm.contact.merged");
    expect(merges.map((r) => [r.aggregate_id, r.envelope.data])).toEqual([
      [duplicate.id, { intoId: survivor.id, movedActivities: 3, movedOpportunities: 1, filledFields: ["jobTitle", "companyId"] }],
    ]);
    // Merging into the merged id resolves to the survivor: into itself.
    const third = (await org.api.post("/contacts", { firstName: "Third" })).body.data;
    expect((await org.api.post(`/contacts/${survivor.id}/merge`, { intoId: duplicate.id })).body.error.code).toBe("MERGE_INTO_ITSELF");
    const chained = await org.api.post(`/contacts/${survivor.id}/merge`, { intoId: third.id });
    expect(chained.status).toBe(200);
    expect((await org.api.get(`/contacts/${duplicate.id}`)).body.data.id).toBe(third.id);
  });

  it("deletes a contact with the contacts merged into it (their redirects go too); one an opportunity refers to is refused", async () => {
    const org = t.organization();
    const survivor = (await org.api.post("/contacts", { firstName: "Ann", emails: ["ann@delete.example"] })).body.data;
    const merged = (await org.api.post("/contacts", { firstName: "Ann", emails: ["ann@old.example"] })).body.data;
    await org.api.post(`/contacts/${merged.id}/merge`, { intoId: survivor.id });
    const used = (await org.api.post("/contacts", { firstName: "Bo" })).body.data;
    await org.api.post("/opportunities", { name: "Deal", contactId: used.id });
    expect((await org.api.delete(`/contacts/${used.id}`)).body.error.code).toBe("CONTACT_IN_USE");
    expect((await org.api.delete(`/contacts/${survivor.id}`)).status).toBe(204);
    expect((await org.api.get(`/contacts/${survivor.id}`)).status).toBe(404);
    expect((await org.api.get(`/contacts/${merged.id}`)).status).toBe(404);
    // The addresses are free again.
    expect((await org.api.post("/contacts", { firstName: "Ann", emails: ["ann@delete.example", "ann@old.example"] })).status).toBe(201);
  });

  it("lists with q over names and emails, and round-trips CSV with upsert by the first address", async () => {
    const org = t.organization();
    await org.api.post("/contacts", { firstName: "Zoe", lastName: "Quinn", emails: ["zq@quinn.example"], phones: ["+44 20 7946 0000"] });
    await org.api.post("/contacts", { firstName: "Yann", emails: ["yann@other.example"] });
    expect((await org.api.get("/contacts?q=QUINN.ex")).body.data.map((c: { firstName: string }) => c.firstName)).toEqual(["Zoe"]);
    expect((await org.api.get("/contacts?q=yan")).body.data.map((c: { firstName: string }) => c.firstName)).toEqual(["Yann"]);
    const csv = await org.api.get("/contacts/export.csv");
    expect(csv.text).toContain("zq@quinn.example");
    const reimport = await org.api.postCsv("/contacts/import?mode=upsert&dryRun=true", csv.text);
    expect(reimport.body.data).toMatchObject({ unchanged: 2, created: 0, updated: 0, errors: [] });
    const file = "firstName,lastName,emails,phones\nZoe,Quinn-Smith, ZQ@quinn.example ,+44 20 7946 0000\nNew,Person,new@x.example;new2@x.example,\n";
    const done = await org.api.postCsv("/contacts/import?mode=upsert", file);
    expect(done.body.data).toMatchObject({ created: 1, updated: 1, imported: 2 });
    expect((await org.api.get("/contacts?q=zoe")).body.data[0].lastName).toBe("Quinn-Smith");
  });
});
