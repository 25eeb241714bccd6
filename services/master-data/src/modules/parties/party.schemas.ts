/** Request and response schemas of customers and suppliers (parties); only customers have a credit limit. */
import { listQuery, postalAddressSchema, readPostalAddress, z } from "@erp/http-kit";
import type { Party } from "../../generated/prisma/client";
import { amount, currencyCode, formatDecimal } from "@erp/money";

export type PartyKind = "customer" | "supplier";

export const recordCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,49}$/, "Letters, digits and . _ / -, at most 50 characters");

const name = z.string().trim().min(1).max(200);
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

const fields = {
  code: recordCode,
  legalName: name,
  displayName: name,
  type: z.enum(["company", "individual"]),
  taxId: optionalText(50),
  email: z.email().max(254).nullable().optional(),
  phone: optionalText(50),
  website: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
  billingAddress: postalAddressSchema.nullable().optional(),
  shippingAddress: postalAddressSchema.nullable().optional(),
  paymentTermsDays: z.number().int().min(0).max(365),
  currency: currencyCode,
  creditLimit: amount().nullable().optional().describe("Customers only"),
  tags: z.array(z.string().trim().min(1).max(50)).max(20),
  notes: z.string().trim().max(5000).nullable().optional(),
};

const createCustomer = z
  .object({
    ...fields,
    code: recordCode.optional().describe("Generated (CUS-000001) when not given"),
    displayName: name.optional().describe("Defaults to the legal name"),
    type: fields.type.default("company"),
    paymentTermsDays: fields.paymentTermsDays.default(30),
    tags: fields.tags.default([]),
    currency: fields.currency.optional().describe("ISO 4217; defaults to the organization's base currency"),
  })
  .strict()
  .openapi({
    example: {
      code: "ACME",
      legalName: "Acme Trading GmbH",
      displayName: "Acme",
      type: "company",
      email: "orders@acme.example",
      billingAddress: { line1: "Hafenstrasse 1", city: "Hamburg", postalCode: "20457", country: "DE" },
      paymentTermsDays: 30,
      currency: "EUR",
      tags: ["wholesale"],
    },
  });

const updateExample = { displayName: "Acme (north)", paymentTermsDays: 45 };

const updateCustomer = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: updateExample });

export type CreatePartyInput = z.infer<typeof createCustomer>;
export type UpdatePartyInput = z.infer<typeof updateCustomer>;

const customerDto = z.object({
  id: z.uuid(),
  code: z.string(),
  legalName: z.string(),
  displayName: z.string(),
  type: z.enum(["company", "individual"]),
  taxId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  billingAddress: postalAddressSchema.nullable(),
  shippingAddress: postalAddressSchema.nullable(),
  paymentTermsDays: z.number().int(),
  currency: z.string(),
  creditLimit: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  status: z.enum(["active", "archived"]),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type PartyDto = z.infer<typeof customerDto>;

/** The schemas of one kind: suppliers are customers without a credit limit. */
export const partySchemas = {
  customer: { create: createCustomer, update: updateCustomer, dto: customerDto },
  supplier: {
    create: createCustomer.omit({ creditLimit: true }).openapi({
      example: { code: "NORDIC", legalName: "Nordic Timber AB", type: "company", email: "sales@nordic-timber.example", paymentTermsDays: 30, currency: "SEK" },
    }),
    update: z
      .object(fields)
      .omit({ creditLimit: true })
      .partial()
      .strict()
      .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
      .openapi({ example: updateExample }),
    dto: customerDto.omit({ creditLimit: true }),
  },
} as const;

export const partyListQuery = listQuery({
  sortable: ["code", "displayName", "legalName", "createdAt", "updatedAt"],
  defaultSort: "code",
  filters: {
    status: z.enum(["active", "archived"]).optional(),
    tag: z.string().trim().min(1).optional(),
  },
});

export type PartyListQuery = z.infer<typeof partyListQuery>;
export type PartyFilters = Pick<PartyListQuery, "status" | "tag" | "q">;

export const partyExportQuery = partyListQuery.pick({ status: true, tag: true, q: true, sort: true });

export const partyIdParams = z.object({ id: z.uuid() });

export function toPartyDto(party: Party): PartyDto {
  return {
    id: party.id,
    code: party.code,
    legalName: party.legalName,
    displayName: party.displayName,
    type: party.type,
    taxId: party.taxId,
    email: party.email,
    phone: party.phone,
    website: party.website,
    billingAddress: readPostalAddress(party.billingAddress),
    shippingAddress: readPostalAddress(party.shippingAddress),
    paymentTermsDays: party.paymentTermsDays,
    currency: party.currency,
    creditLimit: formatDecimal(party.creditLimit, 2),
    tags: party.tags,
    notes: party.notes,
    status: party.status,
    archivedAt: party.archivedAt?.toISOString() ?? null,
    createdAt: party.createdAt.toISOString(),
    updatedAt: party.updatedAt.toISOString(),
  };
}

/** What events carry: the record without server bookkeeping; suppliers without a credit limit. */
export function partySnapshot(kind: PartyKind, dto: PartyDto) {
  const { id: _id, archivedAt: _archivedAt, createdAt: _createdAt, updatedAt: _updatedAt, creditLimit, ...rest } = dto;
  return kind === "customer" ? { ...rest, creditLimit } : rest;
}

/** The dto as the API shows it for this kind. */
export function partyView(kind: PartyKind, dto: PartyDto) {
  if (kind === "customer") return dto;
  const { creditLimit: _creditLimit, ...supplier } = dto;
  return supplier;
}

export const updatableFields = Object.keys(fields) as (keyof typeof fields)[];
