/** Request and response schemas of leads and their conversion. */
import { listQuery, z } from "@erp/http-kit";
import { amount, currencyCode, formatDecimal } from "@erp/money";
import { toE164 } from "../../contact-points";
import type { Lead } from "../../generated/prisma/client";
import { tagsSchema } from "../companies/company.schemas";
import { emailAddress } from "../contacts/contact.schemas";
import { dateString } from "@erp/dates";

export const LEAD_SOURCES = ["website", "referral", "event", "cold_call", "partner", "advertising", "social", "other"] as const;
const statuses = ["new", "contacted", "qualified", "disqualified", "converted"] as const;
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

const fields = {
  name: z.string().trim().min(1).max(200).describe("The person"),
  companyName: optionalText(200),
  email: emailAddress.nullable().optional(),
  phone: z
    .string()
    .trim()
    .refine((number) => toE164(number) !== null, "Not a valid phone number in international format (+...)")
    .nullable()
    .optional()
    .describe("International format; stored in E.164"),
  source: z.enum(LEAD_SOURCES).nullable().optional(),
  ownerId: z.uuid().nullable().optional().describe("A member of the organization"),
  estimatedValue: amount(20).nullable().optional(),
  currency: currencyCode.nullable().optional().describe("ISO 4217; given together with estimatedValue"),
  tags: tagsSchema,
  notes: z.string().trim().max(5000).nullable().optional(),
};
const valueWithCurrency = (body: { estimatedValue?: string | null; currency?: string | null }) =>
  (body.estimatedValue ?? null) === null ? (body.currency ?? null) === null : (body.currency ?? null) !== null;

export const createLeadBody = z
  .object({ ...fields, tags: tagsSchema.default([]) })
  .strict()
  .refine(valueWithCurrency, { message: "estimatedValue and currency go together", path: ["currency"] })
  .openapi({
    example: {
      name: "Ann Miller",
      companyName: "Acme Trading GmbH",
      email: "ann.miller@acme.example",
      phone: "+49 40 1234567",
      source: "website",
      estimatedValue: "12000.00",
      currency: "EUR",
      tags: ["trade-fair"],
    },
  });
export type CreateLeadInput = z.infer<typeof createLeadBody>;

export const updateLeadBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .refine(valueWithCurrency, { message: "estimatedValue and currency go together", path: ["currency"] })
  .openapi({ example: { estimatedValue: "15000.00", currency: "EUR", notes: "Wants a demo in March" } });
export type UpdateLeadInput = z.infer<typeof updateLeadBody>;

export const disqualifyLeadBody = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict()
  .openapi({ example: { reason: "No budget this year" } });

export const convertLeadBody = z
  .object({
    opportunity: z
      .object({
        name: z.string().trim().min(1).max(200).optional().describe("Default: the company's (or the lead's) name"),
        pipelineId: z.uuid().optional(),
        stageId: z.uuid().optional(),
        amount: amount(20).optional().describe("Default: the lead's estimated value"),
        currency: currencyCode.optional(),
        expectedCloseDate: dateString.optional(),
      })
      .strict()
      .refine((o) => (o.amount === undefined) === (o.currency === undefined), { message: "amount and currency go together", path: ["currency"] })
      .optional()
      .describe("Given: an opportunity is created too"),
  })
  .strict()
  .openapi({ example: { opportunity: { name: "Acme: 40 licences", expectedCloseDate: "2026-03-31" } } });
export type ConvertLeadInput = z.infer<typeof convertLeadBody>;

export const conversionDto = z.object({
  leadId: z.uuid(),
  companyId: z.uuid().nullable().describe("Null when the lead named no company and its address is a free mailbox"),
  contactId: z.uuid(),
  opportunityId: z.uuid().nullable(),
  convertedAt: z.string(),
});
export type ConversionDto = z.infer<typeof conversionDto>;

export const leadIdParams = z.object({ id: z.uuid() });

export const leadListQuery = listQuery({
  sortable: ["name", "createdAt", "updatedAt"],
  defaultSort: "-createdAt",
  filters: {
    status: z.enum(statuses).optional(),
    ownerId: z.uuid().optional(),
    source: z.enum(LEAD_SOURCES).optional(),
    tag: z.string().trim().min(1).optional(),
    companyId: z.uuid().optional().describe("Leads converted into this company"),
  },
});
export type LeadListQuery = z.infer<typeof leadListQuery>;
export const leadExportQuery = leadListQuery.pick({ status: true, ownerId: true, source: true, tag: true, companyId: true, q: true, sort: true });

export const leadDto = z.object({
  id: z.uuid(),
  name: z.string(),
  companyName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable().describe("E.164"),
  source: z.enum(LEAD_SOURCES).nullable(),
  status: z.enum(statuses),
  disqualifyReason: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  estimatedValue: z.string().nullable(),
  currency: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  companyId: z.uuid().nullable().describe("After conversion"),
  contactId: z.uuid().nullable().describe("After conversion"),
  opportunityId: z.uuid().nullable().describe("After conversion, when one was created"),
  convertedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadDto = z.infer<typeof leadDto>;

export const updatableLeadFields = Object.keys(fields) as (keyof typeof fields)[];

export function toLeadDto(row: Lead): LeadDto {
  return {
    id: row.id,
    name: row.name,
    companyName: row.companyName,
    email: row.email,
    phone: row.phone,
    source: row.source as LeadDto["source"],
    status: row.status,
    disqualifyReason: row.disqualifyReason,
    ownerId: row.ownerId,
    estimatedValue: formatDecimal(row.estimatedValue, 2),
    currency: row.currency,
    tags: row.tags,
    notes: row.notes,
    companyId: row.companyId,
    contactId: row.contactId,
    opportunityId: row.opportunityId,
    convertedAt: row.convertedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function leadSnapshot(dto: LeadDto) {
  const { name, companyName, email, phone, source, status, ownerId, estimatedValue, currency, tags } = dto;
  return { name, companyName, email, phone, source, status, ownerId, estimatedValue, currency, tags };
}
