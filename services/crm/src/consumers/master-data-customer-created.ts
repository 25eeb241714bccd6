/**
 * master-data made the customer of a converted lead (its created event carries the conversion's
 * `sourceReference`, `crm.lead:<id>`): the lead's company gets the customer's id, once. Customers
 * made any other way are not the CRM's business.
 */
import { customerCreated } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import type { Tx } from "../db";
import { asService } from "../events";
import { linkCustomer } from "../modules/leads/link-customer";

const LEAD_REFERENCE = /^crm\.lead:([0-9a-f-]{36})$/i;

export const masterDataCustomerCreated = eventHandler(customerCreated, async (event, tx: Tx) => {
  const leadId = LEAD_REFERENCE.exec(event.data.sourceReference ?? "")?.[1];
  if (!leadId) return;
  await linkCustomer(tx, asService(event.organizationId), { leadId, customerId: event.aggregateId });
});
