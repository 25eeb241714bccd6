/**
 * master-data made the customer of a lead conversion (its created event carries the conversion's
 * `sourceReference`): the CRM company gets the customer's id, once. `crm.company:<id>` names the
 * company; `crm.lead:<id>` (a person without a company, or an event from before the company key)
 * names the lead, whose company, if any, is linked. Customers made any other way are not the CRM's
 * business.
 */
import { customerCreated } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import type { Tx } from "../db";
import { asService } from "../events";
import { linkCustomer } from "../modules/leads/link-customer";

const CONVERSION_REFERENCE = /^crm\.(company|lead):([0-9a-f-]{36})$/i;

export const masterDataCustomerCreated = eventHandler(customerCreated, async (event, tx: Tx) => {
  const [, kind, id] = CONVERSION_REFERENCE.exec(event.data.sourceReference ?? "") ?? [];
  if (!kind || !id) return;
  const source = kind.toLowerCase() === "company" ? { companyId: id } : { leadId: id };
  await linkCustomer(tx, asService(event.organizationId), { ...source, customerId: event.aggregateId });
});
