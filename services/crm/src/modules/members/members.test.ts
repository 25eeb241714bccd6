/**
 * Owners and assignees are active members of the organization: the CRM's member read model, fed by
 * the users service's membership events (delivered here through the real handlers) and, for a
 * member whose events it never saw, by one question to the users service (the harness's stand-in).
 */
import { uuidv7 } from "@erp/db";
import { membershipActivated, membershipDeactivated, userRegistered } from "@erp/event-catalog";
import type { EventDefinition, EventEnvelope } from "@erp/events";
import { organizationIdOf } from "@erp/scope";
import { startCrmTestApp, type CrmTestApp } from "../../../test/harness";
import { handlers } from "../../consumers";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

const notAMember = (path: string) => [422, "NOT_AN_ACTIVE_MEMBER", [{ path, message: "Not an active member of the organization" }]];
const refusal = (res: { status: number; body: { error?: { code: string; details: unknown } } }) => [res.status, res.body.error?.code, res.body.error?.details];

function deliver(definition: EventDefinition, organizationId: string, userId: string, occurredAt: Date) {
  const event: EventEnvelope = {
    id: uuidv7(),
    type: definition.type,
    version: definition.version,
    organizationId,
    aggregateId: userId,
    occurredAt: occurredAt.toISOString(),
    actor: { type: "service", id: "test" },
    correlationId: uuidv7(),
    data: definition === userRegistered ? { userId, email: "x@example.com", name: "X", roles: ["owner"] } : { userId, roles: ["sales"] },
  };
  return t.db.withOrganization(organizationIdOf(organizationId), (tx) => handlers[event.type as keyof typeof handlers]!.handle(event, tx));
}

describe("owners and assignees", () => {
  it("every record's owner and a task's assignee must be an active member: 422 naming the field otherwise, 201 for a member", async () => {
    const org = t.organization();
    const stranger = uuidv7();
    const member = t.member(org.id);
    const company = (await org.api.post("/companies", { name: "Acme" })).body.data;
    const bodies: [string, Record<string, unknown>, string][] = [
      ["/companies", { name: "Globex" }, "ownerId"],
      ["/contacts", { firstName: "Ann" }, "ownerId"],
      ["/leads", { name: "Bo" }, "ownerId"],
      ["/opportunities", { name: "Deal" }, "ownerId"],
      ["/activities", { type: "task", subject: "Call back", companyId: company.id }, "assigneeId"],
    ];
    for (const [path, body, field] of bodies) {
      expect(refusal(await org.api.post(path, { ...body, [field]: stranger }))).toEqual(notAMember(field));
      const created = await org.api.post(path, { ...body, [field]: member });
      expect([path, created.status, created.body.data[field]]).toEqual([path, 201, member]);
      const id = created.body.data.id as string;
      expect(refusal(await org.api.patch(`${path}/${id}`, { [field]: stranger }))).toEqual(notAMember(field));
    }
    // Nothing refused was written.
    expect((await t.outbox(org.id)).filter((row) => JSON.stringify(row.envelope.data).includes(stranger))).toEqual([]);
  });

  it("another organization's member is no member here", async () => {
    const org = t.organization();
    const theirs = t.member(t.organization().id);
    expect(refusal(await org.api.post("/opportunities", { name: "Deal", ownerId: theirs }))).toEqual(notAMember("ownerId"));
  });

  it("a deactivated member is refused for new assignments; what they own keeps them and stays editable; reactivation lets them back", async () => {
    const org = t.organization();
    const member = t.member(org.id);
    const deal = (await org.api.post("/opportunities", { name: "Deal", ownerId: member })).body.data;
    await deliver(membershipDeactivated, org.id, member, new Date());
    expect(refusal(await org.api.post("/leads", { name: "Bo", ownerId: member }))).toEqual(notAMember("ownerId"));
    const renamed = await org.api.patch(`/opportunities/${deal.id as string}`, { name: "Renamed deal", ownerId: member });
    expect([renamed.status, renamed.body.data.ownerId]).toEqual([200, member]);
    await deliver(membershipActivated, org.id, member, new Date());
    expect((await org.api.post("/leads", { name: "Bo", ownerId: member })).status).toBe(201);
  });

  it("events apply in the order they happened: a late or repeated older event changes nothing", async () => {
    const org = t.organization();
    const userId = uuidv7();
    const earlier = new Date(Date.now() - 60_000);
    await deliver(userRegistered, org.id, userId, new Date(earlier.getTime() - 1000));
    expect((await org.api.post("/companies", { name: "Owned by the registered owner", ownerId: userId })).status).toBe(201);
    await deliver(membershipDeactivated, org.id, userId, new Date());
    await deliver(membershipActivated, org.id, userId, earlier);
    expect(refusal(await org.api.post("/companies", { name: "Still refused", ownerId: userId }))).toEqual(notAMember("ownerId"));
    // Events never reached the users service's stand-in: the read model alone decided.
    expect(t.directoryCalls.filter((call) => call.endsWith(userId))).toEqual([]);
  });

  it("the users service is asked once about a member the CRM never heard of; then its events take over", async () => {
    const org = t.organization();
    const member = t.member(org.id);
    for (let i = 0; i < 3; i++) expect((await org.api.post("/companies", { name: `C${i}`, ownerId: member })).status).toBe(201);
    expect(t.directoryCalls.filter((call) => call === `${org.id}:${member}`)).toHaveLength(1);
    // An invited (not yet active) user or a deactivated one is refused, and a refusal is not remembered as membership.
    const invited = t.member(org.id, "invited");
    const deactivated = t.member(org.id, "deactivated");
    expect(refusal(await org.api.post("/companies", { name: "I", ownerId: invited }))).toEqual(notAMember("ownerId"));
    expect(refusal(await org.api.post("/companies", { name: "D", ownerId: deactivated }))).toEqual(notAMember("ownerId"));
    await deliver(membershipActivated, org.id, deactivated, new Date(Date.now() + 1000));
    expect((await org.api.post("/companies", { name: "D", ownerId: deactivated })).status).toBe(201);
  });

  it("while the users service is down, a record given to a user the CRM never heard of is 503 UPSTREAM_UNAVAILABLE and nothing is written; a known member needs no call; the routes that may ask say so in the OpenAPI", async () => {
    const org = t.organization();
    const known = t.member(org.id);
    expect((await org.api.post("/companies", { name: "Known", ownerId: known })).status).toBe(201);
    const unknown = t.member(org.id);
    t.setDirectoryDown(true);
    try {
      const refused = await org.api.post("/opportunities", { name: "Deal", ownerId: unknown });
      expect([refused.status, refused.body.error.code]).toEqual([503, "UPSTREAM_UNAVAILABLE"]);
      expect((await org.api.get("/opportunities")).body.data).toEqual([]);
      expect((await org.api.post("/opportunities", { name: "Deal", ownerId: known })).status).toBe(201);
    } finally {
      t.setDirectoryDown(false);
    }
    expect((await org.api.post("/opportunities", { name: "Deal 2", ownerId: unknown })).status).toBe(201);

    const paths = (await org.api.get("/openapi.json")).body.paths;
    const giving = [
      ["/companies", "post"], ["/companies/{id}", "patch"], ["/companies/import", "post"],
      ["/contacts", "post"], ["/contacts/{id}", "patch"], ["/contacts/import", "post"],
      ["/leads", "post"], ["/leads/{id}", "patch"], ["/leads/import", "post"],
      ["/opportunities", "post"], ["/opportunities/{id}", "patch"],
      ["/activities", "post"], ["/activities/{id}", "patch"],
    ];
    for (const [path, method] of giving) {
      const responses = paths[`/api/v1/crm${path}`][method!].responses;
      expect([path, method, Object.keys(responses)]).toEqual([path, method, expect.arrayContaining(["503", "504"])]);
    }
    expect(Object.keys(paths["/api/v1/crm/companies/{id}"].get.responses)).not.toContain("503");
  });

  it("CSV imports: an owner who is no active member is a row error in the dry run; an export re-imported after its owner left is unchanged", async () => {
    const org = t.organization();
    const member = t.member(org.id);
    const stranger = uuidv7();
    await org.api.post("/companies", { name: "Kept", domain: "kept.example", ownerId: member });
    await org.api.post("/leads", { name: "Kept lead", email: "kept@kept.example", ownerId: member });
    const dryRun = await org.api.postCsv("/companies/import?dryRun=true", `name,domain,ownerId\nNew,new.example,${stranger}\nOther,other.example,${member}\n`);
    expect([dryRun.status, dryRun.body.data.errors]).toEqual([200, [{ path: "rows.2.ownerId", message: "Not an active member of the organization" }]]);
    const real = await org.api.postCsv("/companies/import", `name,domain,ownerId\nNew,new.example,${stranger}\n`);
    expect([real.status, real.body.error.code]).toEqual([422, "IMPORT_INVALID_ROWS"]);

    await deliver(membershipDeactivated, org.id, member, new Date());
    for (const kind of ["companies", "leads"]) {
      const csv = (await org.api.get(`/${kind}/export.csv`)).text;
      const again = await org.api.postCsv(`/${kind}/import?mode=upsert`, csv);
      expect([kind, again.status, again.body.data?.unchanged]).toEqual([kind, 200, 1]);
    }
    const contacts = await org.api.postCsv("/contacts/import", `firstName,ownerId\nAnn,${member}\n`);
    expect(contacts.body.error.details).toEqual([{ path: "rows.2.ownerId", message: "Not an active member of the organization" }]);
  });

  it("a merge fills an ownerless survivor with the duplicate's owner only while that owner is an active member", async () => {
    const org = t.organization();
    const member = t.member(org.id);
    const pair = async () => {
      const survivor = (await org.api.post("/contacts", { firstName: "Ann" })).body.data;
      await org.api.patch(`/contacts/${survivor.id as string}`, { ownerId: null });
      const duplicate = (await org.api.post("/contacts", { firstName: "Ann", ownerId: member })).body.data;
      return async () => {
        const res = await org.api.post(`/contacts/${duplicate.id as string}/merge`, { intoId: survivor.id });
        return [res.status, res.body.data.ownerId];
      };
    };
    const [whileActive, afterLeaving] = [await pair(), await pair()];
    expect(await whileActive()).toEqual([200, member]);
    await deliver(membershipDeactivated, org.id, member, new Date());
    expect(await afterLeaving()).toEqual([200, null]);
  });

  it("a conversion gives the new records to the lead's owner while a member, else to the converting user", async () => {
    const org = t.organization();
    const member = t.member(org.id);
    const kept = (await org.api.post("/leads", { name: "Ann Lee", companyName: "Kept Co", email: "ann@kept-co.example", ownerId: member })).body.data;
    const left = (await org.api.post("/leads", { name: "Bo Berg", companyName: "Left Co", email: "bo@left-co.example", ownerId: member })).body.data;
    const first = (await org.api.post(`/leads/${kept.id as string}/convert`, { opportunity: {} })).body.data;
    await deliver(membershipDeactivated, org.id, member, new Date());
    const second = (await org.api.post(`/leads/${left.id as string}/convert`, { opportunity: {} })).body.data;
    const owners = async (conversion: { companyId: string; contactId: string; opportunityId: string }) => [
      (await org.api.get(`/companies/${conversion.companyId}`)).body.data.ownerId,
      (await org.api.get(`/contacts/${conversion.contactId}`)).body.data.ownerId,
      (await org.api.get(`/opportunities/${conversion.opportunityId}`)).body.data.ownerId,
    ];
    expect(await owners(first)).toEqual([member, member, member]);
    expect(await owners(second)).toEqual([org.userId, org.userId, org.userId]);
  });
});
