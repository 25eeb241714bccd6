/**
 * The events the CRM consumes, run by the real handlers in an organization's transaction as the
 * consumer runs them (each delivery a new event id, so the handlers' own idempotency is what is
 * tested): a new organization gets its default pipeline once, and a customer master-data made
 * from a lead conversion is linked to the lead's company.
 */
import { uuidv7 } from "@erp/db";
import { customerCreated, organizationCreated } from "@erp/event-catalog";
import type { EventDefinition, EventEnvelope } from "@erp/events";
import { organizationIdOf } from "@erp/scope";
import { startCrmTestApp, type CrmTestApp } from "../../test/harness";
import { handlers } from "./index";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

function envelope(definition: EventDefinition, organizationId: string, aggregateId: string, data: Record<string, unknown>): EventEnvelope {
  return { id: uuidv7(), type: definition.type, version: definition.version, organizationId, aggregateId, occurredAt: new Date().toISOString(), actor: { type: "service", id: "test" }, correlationId: uuidv7(), data };
}

/** A master_data.customer.created payload but for its source reference. */
const customer = { code: "CUS-000001", legalName: "Acme", displayName: "Acme", type: "company", taxId: null, email: null, phone: null, website: null, billingAddress: null, shippingAddress: null, paymentTermsDays: 30, currency: "EUR", creditLimit: null, tags: [], notes: null, status: "active" };

const deliver = (event: EventEnvelope) =>
  t.db.withOrganization(organizationIdOf(event.organizationId), (tx) => handlers[event.type as keyof typeof handlers]!.handle(event, tx));

it("tenant.organization.created sets up the default pipeline, once however often it is delivered", async () => {
  const organizationId = uuidv7();
  const data = { name: "Acme", slug: "acme", timezone: "UTC", status: "active", baseCurrency: "EUR", planCode: "pro", enabledModules: ["crm"] };
  await deliver(envelope(organizationCreated, organizationId, organizationId, data));
  await deliver(envelope(organizationCreated, organizationId, organizationId, data));
  const { rows } = await t.owner.query("SELECT name, is_default FROM crm.pipelines WHERE organization_id = $1", [organizationId]);
  expect(rows).toEqual([{ name: "Sales", is_default: true }]);
  // Deleted by its organization later, it is not created again on first use.
  await t.owner.query("DELETE FROM crm.pipelines WHERE organization_id = $1", [organizationId]);
  expect((await t.api(t.token(organizationId)).get("/pipelines")).body.data).toEqual([]);
});

it("master_data.customer.created from a conversion (crm.company:<id>) puts the customer on the company, once; other customers are ignored", async () => {
  const org = t.organization();
  const lead = (await org.api.post("/leads", { name: "Ann", companyName: "Acme", email: "ann@acme.example" })).body.data;
  const { companyId } = (await org.api.post(`/leads/${lead.id}/convert`, {})).body.data;
  await deliver(envelope(customerCreated, org.id, uuidv7(), { ...customer, sourceReference: null }));
  expect((await org.api.get(`/companies/${companyId}`)).body.data.customerId).toBeNull();
  const customerId = uuidv7();
  await deliver(envelope(customerCreated, org.id, customerId, { ...customer, sourceReference: `crm.company:${companyId}` }));
  await deliver(envelope(customerCreated, org.id, uuidv7(), { ...customer, sourceReference: `crm.company:${companyId}` }));
  expect((await org.api.get(`/companies/${companyId}`)).body.data.customerId).toBe(customerId);
  const updates = (await t.outbox(org.id)).filter((r) => r.event_type === "crm.company.updated");
  expect(updates.map((r) => r.envelope.data.changedFields)).toEqual([["customerId"]]);
});

it("a customer keyed by the lead (crm.lead:<id>, as events from before the company key say) links the lead's company", async () => {
  const org = t.organization();
  const lead = (await org.api.post("/leads", { name: "Bo", companyName: "Initech", email: "bo@initech.example" })).body.data;
  const { companyId } = (await org.api.post(`/leads/${lead.id}/convert`, {})).body.data;
  const customerId = uuidv7();
  await deliver(envelope(customerCreated, org.id, customerId, { ...customer, sourceReference: `crm.lead:${lead.id}` }));
  expect((await org.api.get(`/companies/${companyId}`)).body.data.customerId).toBe(customerId);
});
