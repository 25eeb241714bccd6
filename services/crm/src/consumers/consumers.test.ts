/**
 * The events the CRM consumes, run by the real handlers in an organization's transaction as the
 * consumer runs them (each delivery a new event id, so the handlers' own idempotency is what is
 * tested): a new organization gets its default pipeline once, and a customer master-data made
 * from a lead conversion is linked to the lead's company.
 */
import { uuidv7 } from "@erp/db";
import { customerCreated, exchangeRateDeleted, exchangeRateRecorded, exchangeRateUpdated, organizationCreated, organizationUpdated } from "@erp/event-catalog";
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

describe("finance's exchange rates and the base currency (the reports' conversion)", () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
  const kept = async (organizationId: string) =>
    (
      await t.owner.query<{ currency: string; effective_date: string; base_currency: string; rate: string | null }>(
        "SELECT currency, effective_date::text, base_currency, rate::text FROM crm.exchange_rates WHERE organization_id = $1 ORDER BY currency, effective_date",
        [organizationId],
      )
    ).rows;
  const baseCurrency = async (organizationId: string) =>
    (await t.owner.query("SELECT base_currency FROM crm.settings WHERE organization_id = $1", [organizationId])).rows[0]?.base_currency ?? null;

  it("a rate's events keep its newest state whatever the delivery order; late and repeated events change nothing; a deletion is kept as such", async () => {
    const organizationId = uuidv7();
    const rate = { currency: "EUR", baseCurrency: "USD", effectiveDate: "2026-03-01" };
    const recorded = () => t.deliver(exchangeRateRecorded, organizationId, { ...rate, rate: "1.10" }, { occurredAt: at(1) });
    const updated = () => t.deliver(exchangeRateUpdated, organizationId, { ...rate, rate: "1.12", previousRate: "1.10" }, { occurredAt: at(2) });
    const deleted = () => t.deliver(exchangeRateDeleted, organizationId, { ...rate, rate: "1.12" }, { occurredAt: at(3) });

    await updated();
    await recorded(); // late: older than the kept correction
    expect(await kept(organizationId)).toEqual([{ currency: "EUR", effective_date: "2026-03-01", base_currency: "USD", rate: "1.1200000000" }]);
    await updated(); // again
    await deleted();
    await recorded();
    await updated();
    expect(await kept(organizationId)).toEqual([{ currency: "EUR", effective_date: "2026-03-01", base_currency: "USD", rate: null }]);
    // Recorded again in finance later (a new rate on that date).
    await t.deliver(exchangeRateRecorded, organizationId, { ...rate, rate: "1.15" }, { occurredAt: at(4) });
    expect((await kept(organizationId))[0]!.rate).toBe("1.1500000000");
    expect(await baseCurrency(organizationId)).toBe("USD");
  });

  it("the base currency is the newest said by tenant.organization.created/updated and the rate events", async () => {
    const organizationId = uuidv7();
    const organization = { name: "Acme", slug: "acme", timezone: "UTC", status: "active" };
    const created = () =>
      t.deliver(organizationCreated, organizationId, { ...organization, baseCurrency: "USD", planCode: "pro", enabledModules: ["crm"] }, { occurredAt: at(1) });
    await created();
    expect(await baseCurrency(organizationId)).toBe("USD");
    await t.deliver(organizationUpdated, organizationId, { ...organization, baseCurrency: "EUR", changedFields: ["baseCurrency"] }, { occurredAt: at(3) });
    await created(); // again, late
    expect(await baseCurrency(organizationId)).toBe("EUR");
    await t.deliver(exchangeRateRecorded, organizationId, { currency: "GBP", baseCurrency: "CHF", effectiveDate: "2026-01-01", rate: "1.2" }, { occurredAt: at(2) });
    expect(await baseCurrency(organizationId)).toBe("EUR");
    await t.deliver(exchangeRateRecorded, organizationId, { currency: "GBP", baseCurrency: "CHF", effectiveDate: "2026-01-02", rate: "1.2" }, { occurredAt: at(4) });
    expect(await baseCurrency(organizationId)).toBe("CHF");
  });
});

