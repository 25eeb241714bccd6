/**
 * Events of the CRM service (topic erp.crm): companies, contacts, leads and their conversion,
 * opportunities moving through pipeline stages, activities and tasks falling due. Amounts are
 * decimal strings in the currency beside them, never JSON numbers; dates are YYYY-MM-DD.
 */
import { z } from "zod";
import { defineEvent } from "@erp/events";

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const currency = z.string().length(3);
const uuid = z.string().uuid();
const changed = { changedFields: z.array(z.string()).min(1) };

const companySnapshot = z.object({
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  size: z.string().nullable(),
  ownerId: uuid.nullable(),
  tags: z.array(z.string()),
  /** master-data's customer, once the company became one. */
  customerId: uuid.nullable(),
});

export const companyCreated = defineEvent("crm.company.created", 1, companySnapshot);
export const companyUpdated = defineEvent("crm.company.updated", 1, companySnapshot.extend(changed));

const contactSnapshot = z.object({
  firstName: z.string(),
  lastName: z.string().nullable(),
  jobTitle: z.string().nullable(),
  companyId: uuid.nullable(),
  ownerId: uuid.nullable(),
  tags: z.array(z.string()),
  /** As given (trimmed), primary first. */
  emails: z.array(z.string()),
  /** E.164, primary first. */
  phones: z.array(z.string()),
});

export const contactCreated = defineEvent("crm.contact.created", 1, contactSnapshot);
export const contactUpdated = defineEvent("crm.contact.updated", 1, contactSnapshot.extend(changed));
/** The contact (aggregate) was merged into `intoId`; its id now redirects there. */
export const contactMerged = defineEvent(
  "crm.contact.merged",
  1,
  z.object({
    intoId: uuid,
    movedActivities: z.number().int(),
    movedOpportunities: z.number().int(),
    /** Fields of the survivor filled from the merged contact (they were empty). */
    filledFields: z.array(z.string()),
  }),
);

const leadStatus = z.enum(["new", "contacted", "qualified", "disqualified", "converted"]);
const leadSnapshot = z.object({
  name: z.string(),
  companyName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  source: z.string().nullable(),
  status: leadStatus,
  ownerId: uuid.nullable(),
  estimatedValue: decimal.nullable(),
  currency: currency.nullable(),
  tags: z.array(z.string()),
});

export const leadCreated = defineEvent("crm.lead.created", 1, leadSnapshot);
export const leadQualified = defineEvent("crm.lead.qualified", 1, z.object({ previousStatus: leadStatus }));
export const leadDisqualified = defineEvent("crm.lead.disqualified", 1, z.object({ previousStatus: leadStatus, reason: z.string() }));

/**
 * A lead became a company, a contact and maybe an opportunity, in one transaction, once.
 * `customer` is what master-data makes the customer from; `sourceReference` is its idempotency key
 * (`crm.company:<companyId>`, so every lead of one company makes one customer; `crm.lead:<leadId>`
 * for a lead without a company) and comes back on master_data.customer.created. Events published
 * before 2026-11-30 carry `crm.lead:<leadId>` for companies too; the CRM still links those.
 */
export const leadConverted = defineEvent(
  "crm.lead.converted",
  1,
  z.object({
    sourceReference: z
      .string()
      .describe("master-data's idempotency key for the customer: crm.company:<companyId>, or crm.lead:<leadId> for a lead without a company"),
    /** Null when the lead named no company and wrote from a free mailbox: the customer is the person. */
    companyId: uuid.nullable(),
    companyCreated: z.boolean(),
    /** The company's master-data customer when it has one already: none is to be created then. */
    customerId: uuid.nullable(),
    contactId: uuid,
    contactCreated: z.boolean(),
    opportunityId: uuid.nullable(),
    customer: z.object({
      legalName: z.string(),
      type: z.enum(["company", "individual"]),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      website: z.string().nullable(),
      currency: currency.nullable(),
    }),
  }),
);

const opportunityStatus = z.enum(["open", "won", "lost"]);
const opportunitySnapshot = z.object({
  name: z.string(),
  companyId: uuid.nullable(),
  contactId: uuid.nullable(),
  pipelineId: uuid,
  stageId: uuid,
  status: opportunityStatus,
  amount: decimal.nullable(),
  currency: currency.nullable(),
  expectedCloseDate: z.string().nullable(),
  ownerId: uuid.nullable(),
});

export const opportunityCreated = defineEvent("crm.opportunity.created", 1, opportunitySnapshot);
/** Fields changed (not the stage: that is stage_changed). */
export const opportunityUpdated = defineEvent("crm.opportunity.updated", 1, opportunitySnapshot.extend(changed));
/** Every move between stages; `secondsInPreviousStage` is how long it stayed in `fromStageId`. */
export const opportunityStageChanged = defineEvent(
  "crm.opportunity.stage_changed",
  1,
  z.object({
    pipelineId: uuid,
    fromStageId: uuid,
    fromStageName: z.string(),
    toStageId: uuid,
    toStageName: z.string(),
    secondsInPreviousStage: z.number().int(),
    status: opportunityStatus,
  }),
);
const closed = { stageId: uuid, amount: decimal.nullable(), currency: currency.nullable() };
export const opportunityWon = defineEvent("crm.opportunity.won", 1, z.object(closed));
export const opportunityLost = defineEvent("crm.opportunity.lost", 1, z.object({ ...closed, lostReason: z.string() }));

const links = z.object({
  companyId: uuid.nullable(),
  contactId: uuid.nullable(),
  leadId: uuid.nullable(),
  opportunityId: uuid.nullable(),
});

export const activityCreated = defineEvent(
  "crm.activity.created",
  1,
  z.object({
    type: z.enum(["note", "call", "meeting", "email", "task"]),
    subject: z.string(),
    occurredAt: z.string(),
    dueAt: z.string().nullable(),
    assigneeId: uuid.nullable(),
    links,
  }),
);

/** A task that is not done reached its due time (published once per due time; aggregate: the task). */
export const taskDue = defineEvent(
  "crm.task.due",
  1,
  z.object({ subject: z.string(), dueAt: z.string(), assigneeId: uuid.nullable(), links }),
);
