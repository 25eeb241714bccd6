/** Activities and tasks through the API, timelines, and crm.task.due published once when a task falls due. */
import { startCrmTestApp, type CrmTestApp } from "../../../test/harness";
import { publishDueTasks } from "./publish-due-tasks";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

const past = () => new Date(Date.now() - 60_000).toISOString();
const future = () => new Date(Date.now() + 3_600_000).toISOString();

describe("activities", () => {
  it("logs notes, calls, meetings and emails on records; tasks are assigned, completed and reopened", async () => {
    const org = t.organization();
    const company = (await org.api.post("/companies", { name: "Acme" })).body.data;
    const contact = (await org.api.post("/contacts", { firstName: "Ann", companyId: company.id })).body.data;
    const call = await org.api.post("/activities", { type: "call", subject: "Intro call", durationMinutes: 20, occurredAt: "2026-01-05T10:00:00Z", contactId: contact.id, companyId: company.id });
    expect(call.status).toBe(201);
    expect(call.body.data).toMatchObject({ type: "call", occurredAt: "2026-01-05T10:00:00.000Z", done: false, dueAt: null });
    const assignee = t.member(org.id);
    const task = (await org.api.post("/activities", { type: "task", subject: "Send quote", dueAt: future(), assigneeId: assignee, companyId: company.id })).body.data;
    expect((await org.api.get(`/activities?assigneeId=${assignee}&done=false`)).body.data.map((a: { id: string }) => a.id)).toEqual([task.id]);
    expect((await org.api.post(`/activities/${task.id}/complete`)).body.data.done).toBe(true);
    expect((await org.api.post(`/activities/${task.id}/complete`)).body.error.code).toBe("INVALID_STATE");
    expect((await org.api.post(`/activities/${task.id}/reopen`)).body.data.done).toBe(false);
    expect((await org.api.post(`/activities/${task.id}/reopen`)).body.error.code).toBe("INVALID_STATE");
    expect((await org.api.post(`/activities/${call.body.data.id}/complete`)).body.error.code).toBe("NOT_A_TASK");
    const timeline = await org.api.get(`/companies/${company.id}/timeline`);
    expect(timeline.body.data.map((e: { type: string; activity?: { subject: string }; change?: { kind: string } }) => e.activity?.subject ?? e.change?.kind)).toEqual([
      "Send quote",
      "created",
      "Intro call",
    ]);
    expect(timeline.body.page.total).toBeUndefined();
    const counted = await org.api.get(`/companies/${company.id}/timeline?limit=2&count=true`);
    expect([counted.status, counted.body.data.length, counted.body.page.total]).toEqual([200, 2, 3]);
    expect(await t.outboxTypes(org.id)).toEqual(["crm.company.created", "crm.contact.created", "crm.activity.created", "crm.activity.created"]);
  });

  it("refuses an unattached activity and task fields on a note (400), unknown records (422), a viewer (403), another organization (404)", async () => {
    const org = t.organization();
    const bad = await org.api.post("/activities", { type: "note", subject: "x", dueAt: future() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["companyId", "dueAt"]);
    const unknown = await org.api.post("/activities", { type: "note", subject: "x", leadId: "0193a1b2-0000-7000-8000-00000000dead" });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "UNKNOWN_REFERENCE"]);
    const lead = (await org.api.post("/leads", { name: "L" })).body.data;
    const note = (await org.api.post("/activities", { type: "note", subject: "Met at fair", leadId: lead.id })).body.data;
    expect((await t.api(t.viewerToken(org.id)).patch(`/activities/${note.id}`, { subject: "y" })).status).toBe(403);
    const other = t.organization();
    expect((await other.api.get(`/activities/${note.id}`)).status).toBe(404);
    expect((await other.api.delete(`/activities/${note.id}`)).status).toBe(404);
    expect((await other.api.post("/activities", { type: "note", subject: "x", leadId: lead.id })).body.error.code).toBe("UNKNOWN_REFERENCE");
    expect((await org.api.patch(`/activities/${note.id}`, { dueAt: future() })).body.error.code).toBe("NOT_A_TASK");
    expect((await org.api.delete(`/activities/${note.id}`)).status).toBe(204);
  });

  it("publishes crm.task.due once when a task falls due; not for done or future tasks; again after a new due time", async () => {
    const org = t.organization();
    const company = (await org.api.post("/companies", { name: "Due Inc" })).body.data;
    const due = (await org.api.post("/activities", { type: "task", subject: "Call back", dueAt: past(), companyId: company.id })).body.data;
    const done = (await org.api.post("/activities", { type: "task", subject: "Done already", dueAt: past(), companyId: company.id })).body.data;
    await org.api.post(`/activities/${done.id}/complete`);
    await org.api.post("/activities", { type: "task", subject: "Later", dueAt: future(), companyId: company.id });
    const dueEvents = async () => (await t.outbox(org.id)).filter((r) => r.event_type === "crm.task.due");

    // Two sweepers at once (two replicas): one announcement.
    await Promise.all([publishDueTasks(t.db), publishDueTasks(t.db)]);
    await publishDueTasks(t.db);
    const events = await dueEvents();
    expect(events.map((r) => [r.aggregate_id, r.envelope.data.subject, r.envelope.data.links])).toEqual([
      [due.id, "Call back", { companyId: company.id, contactId: null, leadId: null, opportunityId: null }],
    ]);

    // A new due time is a new falling due.
    await org.api.patch(`/activities/${due.id}`, { dueAt: new Date(Date.now() - 1_000).toISOString() });
    await publishDueTasks(t.db);
    expect(await dueEvents()).toHaveLength(2);
  });
});
