/**
 * crm.lead.converted makes one customer per source reference, run by the real handler in an
 * organization's transaction as the consumer runs it (each delivery a new event id, so the
 * handler's own idempotency is what is tested): leads of one CRM company carry the company's
 * reference and make one customer, even delivered at once.
 */
import { uuidv7 } from "@erp/db";
import { leadConverted } from "@erp/event-catalog";
import type { EventEnvelope } from "@erp/events";
import { organizationIdOf } from "@erp/scope";
import { startMasterDataTestApp, type MasterDataTestApp } from "../../test/harness";
import { handlers } from "./index";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

function conversion(organizationId: string, data: { sourceReference: string; companyId: string | null; customerId?: string | null; legalName: string }): EventEnvelope {
  return {
    id: uuidv7(),
    type: leadConverted.type,
    version: leadConverted.version,
    organizationId,
    aggregateId: uuidv7(),
    occurredAt: new Date().toISOString(),
    actor: { type: "user", id: uuidv7() },
    correlationId: uuidv7(),
    data: {
      sourceReference: data.sourceReference,
      companyId: data.companyId,
      companyCreated: true,
      customerId: data.customerId ?? null,
      contactId: uuidv7(),
      contactCreated: true,
      opportunityId: null,
      customer: { legalName: data.legalName, type: data.companyId ? "company" : "individual", email: null, phone: null, website: null, currency: "EUR" },
    },
  };
}

const deliver = (event: EventEnvelope) =>
  t.db.withOrganization(organizationIdOf(event.organizationId), (tx) => handlers[leadConverted.type]!.handle(event, tx));

it("conversions of several leads of one CRM company, delivered at once, make one customer; another reference makes another", async () => {
  const org = await t.organization();
  const companyId = uuidv7();
  const ofCompany = () => conversion(org.id, { sourceReference: `crm.company:${companyId}`, companyId, legalName: "Globex" });
  await Promise.all([deliver(ofCompany()), deliver(ofCompany()), deliver(ofCompany())]);
  await deliver(conversion(org.id, { sourceReference: `crm.lead:${uuidv7()}`, companyId: null, legalName: "Sam Solo" }));
  const customers = (await org.api.get("/customers?limit=200")).body.data as { legalName: string }[];
  expect(customers.map((c) => c.legalName).sort()).toEqual(["Globex", "Sam Solo"]);
  expect((await t.outboxTypes(org.id)).filter((type) => type === "master_data.customer.created")).toHaveLength(2);
});

it("a conversion into a company that is a customer already makes none", async () => {
  const org = await t.organization();
  const companyId = uuidv7();
  await deliver(conversion(org.id, { sourceReference: `crm.company:${companyId}`, companyId, customerId: uuidv7(), legalName: "Initech" }));
  expect((await org.api.get("/customers")).body.data).toEqual([]);
});
