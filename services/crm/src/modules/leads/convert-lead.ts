/**
 * Converts a lead, in one transaction and once: links the company with the lead's email domain (a
 * free mailbox's domain is not a company's) or creates one from the company name, links the active
 * contact with the lead's normalised address or creates one, optionally creates an opportunity,
 * marks the lead converted and publishes crm.lead.converted, which master-data turns into the
 * customer (idempotent by `sourceReference`, the company's: one customer per CRM company). Linked records only get what they lack (a contact
 * without a company gets the company), never an overwrite.
 *
 * The lead row is locked first, so concurrent conversions queue and the later ones answer the
 * first's result; the domain and the address are locked before they are looked up, so two leads of
 * the same company converting at once still make one company and one contact.
 */
import { leadConverted } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { emailDomain, isFreeMailDomain } from "../../contact-points";
import { OUTBOX_SCHEMA } from "../../events";
import type { Lead } from "../../generated/prisma/client";
import { companyRepository } from "../companies/company.repository";
import { toCompanyDto, type CompanyDto } from "../companies/company.schemas";
import { createCompany } from "../companies/create-company";
import { contactRepository } from "../contacts/contact.repository";
import { createContact } from "../contacts/create-contact";
import { changeContact } from "../contacts/update-contact";
import { isActiveMember } from "../members/require-active-member";
import { createOpportunity } from "../opportunities/create-opportunity";
import { recordChange } from "../timeline/record-change";
import { findLead } from "./get-lead";
import { leadStatusForbids } from "./lead.errors";
import { leadRepository } from "./lead.repository";
import type { ConversionDto, ConvertLeadInput } from "./lead.schemas";

/**
 * master-data's idempotency key for the customer a conversion asks for: the CRM company's (every
 * lead of one company, converting at once or before the first customer is linked, asks for the
 * same customer), or the lead's own when it converts into a person without a company.
 */
export const customerSourceReference = (conversion: { leadId: string; companyId: string | null }) =>
  conversion.companyId ? `crm.company:${conversion.companyId}` : `crm.lead:${conversion.leadId}`;

/**
 * @returns the conversion; a lead converted before answers its first conversion, unchanged
 * @throws AppError 404; 409 INVALID_STATE (disqualified); what creating the opportunity throws (404
 *   pipeline, 422 UNKNOWN_REFERENCE / STAGE_KIND_MISMATCH), before anything is kept
 */
export async function convertLead(tx: Tx, scope: Scope, input: { id: string } & ConvertLeadInput): Promise<ConversionDto> {
  const { organizationId } = scope;
  const leads = leadRepository(tx);
  await leads.lock(organizationId, input.id);
  const lead = await findLead(tx, scope, input.id);
  if (lead.status === "converted") return conversionOf(lead);
  if (lead.status === "disqualified") throw leadStatusForbids("disqualified", "converted");

  // The lead's owner gets the new records while an active member; else the converting user does.
  const ownerId = lead.ownerId && (await isActiveMember(tx, scope, lead.ownerId)) ? lead.ownerId : undefined;
  const company = await companyFor(tx, scope, lead, ownerId);
  const contact = await contactFor(tx, scope, lead, company.dto?.id ?? null, ownerId);
  const opportunity = input.opportunity
    ? await createOpportunity(tx, scope, {
        name: input.opportunity.name ?? company.dto?.name ?? lead.name,
        pipelineId: input.opportunity.pipelineId,
        stageId: input.opportunity.stageId,
        companyId: company.dto?.id ?? null,
        contactId: contact.id,
        amount: input.opportunity.amount ?? lead.estimatedValue?.toFixed(2) ?? null,
        currency: input.opportunity.currency ?? (input.opportunity.amount === undefined ? lead.currency : null),
        expectedCloseDate: input.opportunity.expectedCloseDate ?? null,
        ownerId,
        tags: lead.tags,
      })
    : null;

  const now = new Date();
  const converted = await leads.update(organizationId, lead.id, {
    status: "converted",
    convertedAt: now,
    convertedBy: `${scope.actor.type}:${scope.actor.id}`,
    companyId: company.dto?.id ?? null,
    contactId: contact.id,
    opportunityId: opportunity?.id ?? null,
  });
  // What was logged on the lead shows on the records it became.
  await tx.activity.updateMany({ where: { organizationId, leadId: lead.id, contactId: null }, data: { contactId: contact.id } });
  if (company.dto) await tx.activity.updateMany({ where: { organizationId, leadId: lead.id, companyId: null }, data: { companyId: company.dto.id } });

  const result = conversionOf(converted);
  await recordChange(tx, scope, { recordType: "lead", recordId: lead.id, kind: "converted", changes: result, at: now });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: leadConverted,
    organizationId,
    aggregateType: "lead",
    aggregateId: lead.id,
    actor: scope.actor,
    data: {
      sourceReference: customerSourceReference(result),
      companyId: result.companyId,
      companyCreated: company.created,
      customerId: company.dto?.customerId ?? null,
      contactId: contact.id,
      contactCreated: contact.created,
      opportunityId: result.opportunityId,
      customer: {
        legalName: company.dto?.name ?? lead.name,
        type: company.dto ? "company" : "individual",
        email: lead.email,
        phone: lead.phone,
        website: company.dto?.domain ? `https://${company.dto.domain}` : null,
        currency: lead.currency,
      },
    },
  });
  return result;
}

function conversionOf(lead: Lead): ConversionDto {
  return {
    leadId: lead.id,
    companyId: lead.companyId,
    contactId: lead.contactId!,
    opportunityId: lead.opportunityId,
    convertedAt: lead.convertedAt!.toISOString(),
  };
}

/** The company with the lead's email domain, or a new one; none when the lead gives neither a company name nor a company domain. */
async function companyFor(tx: Tx, scope: Scope, lead: Lead, ownerId: string | undefined): Promise<{ dto: CompanyDto | null; created: boolean }> {
  const companies = companyRepository(tx);
  const domain = lead.normalisedEmail ? emailDomain(lead.normalisedEmail) : null;
  const companyDomain = domain && !isFreeMailDomain(domain) ? domain : null;
  if (companyDomain) {
    await companies.lockDomain(scope.organizationId, companyDomain);
    const [existing] = await companies.findByDomains(scope.organizationId, [companyDomain]);
    if (existing) return { dto: toCompanyDto(existing), created: false };
  }
  if (!lead.companyName && !companyDomain) return { dto: null, created: false };
  const dto = await createCompany(tx, scope, {
    name: lead.companyName ?? companyDomain!,
    domain: companyDomain,
    ownerId,
    tags: [],
  });
  return { dto, created: true };
}

/** The active contact with the lead's address (given the company if it has none), or a new one. */
async function contactFor(tx: Tx, scope: Scope, lead: Lead, companyId: string | null, ownerId: string | undefined): Promise<{ id: string; created: boolean }> {
  const contacts = contactRepository(tx);
  if (lead.normalisedEmail) {
    await contacts.lockEmails(scope.organizationId, [lead.normalisedEmail]);
    const [existing] = await contacts.findByEmails(scope.organizationId, [lead.normalisedEmail]);
    if (existing) {
      if (existing.companyId === null && companyId !== null) await changeContact(tx, scope, existing, { companyId });
      return { id: existing.id, created: false };
    }
  }
  const [firstName, ...rest] = lead.name.trim().split(/\s+/);
  const dto = await createContact(tx, scope, {
    firstName: firstName!,
    lastName: rest.length > 0 ? rest.join(" ") : null,
    companyId,
    ownerId,
    tags: lead.tags,
    emails: lead.email ? [lead.email] : [],
    phones: lead.phone ? [lead.phone] : [],
  });
  return { id: dto.id, created: true };
}
