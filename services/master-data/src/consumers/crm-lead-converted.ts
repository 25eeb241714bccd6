/**
 * A CRM lead conversion makes the customer, exactly once: createParty is idempotent by the event's
 * `sourceReference` (`crm.company:<id>`, or `crm.lead:<id>` for a person without a company; unique
 * per organization and kind, locked while creating), so a redelivered event, or the conversion of
 * another lead of the same CRM company, finds the customer made the first time. A company that is a customer already (`customerId`) gets none. The customer's created event
 * carries the source reference back, which the CRM uses to link its company to the customer.
 */
import { leadConverted } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import type { Tx } from "../db";
import { asService } from "../events";
import { createParty } from "../modules/parties/create-party";
import { customers } from "../modules/parties/party-kinds";
import { partySchemas } from "../modules/parties/party.schemas";

export const crmLeadConverted = eventHandler(leadConverted, async (event, tx: Tx) => {
  const { customer, sourceReference, customerId } = event.data;
  if (customerId) return;
  // The customer as a create request would give it: defaults applied, the same validation.
  const input = partySchemas.customer.create.parse({
    legalName: customer.legalName,
    type: customer.type,
    email: customer.email,
    phone: customer.phone,
    website: customer.website,
    ...(customer.currency ? { currency: customer.currency } : {}),
  });
  await createParty(tx, asService(event.organizationId), customers, input, { sourceReference });
});
