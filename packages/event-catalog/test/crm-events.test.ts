import { buildAsyncApiDocument, findEventDefinition, listEventDefinitions } from "@erp/events";
import "../src";

/** The AsyncAPI document outside consumers read (what the gateway serves), as its message names. */
function publishedMessages(): string[] {
  const document = buildAsyncApiDocument({ title: "test", version: "1", definitions: listEventDefinitions() }) as {
    components: { messages: Record<string, { name: string }> };
  };
  return Object.values(document.components.messages).map((message) => message.name);
}

const CRM_EVENTS = [
  "crm.company.created",
  "crm.company.updated",
  "crm.contact.created",
  "crm.contact.updated",
  "crm.contact.merged",
  "crm.lead.created",
  "crm.lead.qualified",
  "crm.lead.disqualified",
  "crm.lead.converted",
  "crm.opportunity.created",
  "crm.opportunity.updated",
  "crm.opportunity.stage_changed",
  "crm.opportunity.won",
  "crm.opportunity.lost",
  "crm.activity.created",
  "crm.task.due",
];

test.each(CRM_EVENTS)("%s is in the catalog and the AsyncAPI document", (type) => {
  expect(findEventDefinition(type, 1)).toBeDefined();
  expect(publishedMessages()).toContain(type);
});

test("master_data.customer.created may carry the source reference its creator links it back by", () => {
  const created = findEventDefinition("master_data.customer.created", 1)!;
  const customer = {
    code: "CUS-000001", legalName: "Acme", displayName: "Acme", type: "company", taxId: null, email: null, phone: null, website: null,
    billingAddress: null, shippingAddress: null, paymentTermsDays: 30, currency: "EUR", creditLimit: null, tags: [], notes: null, status: "active",
  };
  expect(created.data.parse({ ...customer, sourceReference: "crm.lead:0193a1b2-0000-7000-8000-000000000001" })).toMatchObject({
    sourceReference: "crm.lead:0193a1b2-0000-7000-8000-000000000001",
  });
  expect(created.data.safeParse(customer).success).toBe(true);
});
