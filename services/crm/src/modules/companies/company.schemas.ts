/** Request and response schemas of companies. */
import { listQuery, postalAddressSchema, z } from "@erp/http-kit";
import { normaliseDomain } from "../../contact-points";
import type { Company } from "../../generated/prisma/client";

export const COMPANY_SIZES = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+"] as const;

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();
export const tagsSchema = z.array(z.string().trim().min(1).max(50)).max(20);

const fields = {
  name: z.string().trim().min(1).max(200),
  domain: z
    .string()
    .trim()
    .max(253)
    .refine((value) => normaliseDomain(value) !== null, "Not a domain name")
    .nullable()
    .optional()
    .describe("Stored lower-case without scheme, www. or path (https://www.Acme.com/ → acme.com); unique in the organization"),
  industry: optionalText(100),
  size: z.enum(COMPANY_SIZES).nullable().optional().describe("Employees"),
  address: postalAddressSchema.nullable().optional(),
  ownerId: z.uuid().nullable().optional().describe("A member of the organization"),
  tags: tagsSchema,
};

export const createCompanyBody = z
  .object({ ...fields, tags: tagsSchema.default([]) })
  .strict()
  .openapi({
    example: {
      name: "Acme Trading GmbH",
      domain: "acme.example",
      industry: "Wholesale",
      size: "51-200",
      address: { line1: "Hafenstrasse 1", city: "Hamburg", postalCode: "20457", country: "DE" },
      tags: ["key-account"],
    },
  });
export type CreateCompanyInput = z.infer<typeof createCompanyBody>;

export const updateCompanyBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { industry: "Logistics", size: "201-500" } });
export type UpdateCompanyInput = z.infer<typeof updateCompanyBody>;

export const updatableCompanyFields = Object.keys(fields) as (keyof typeof fields)[];

export const companyIdParams = z.object({ id: z.uuid() });

export const companyListQuery = listQuery({
  sortable: ["name", "createdAt", "updatedAt"],
  defaultSort: "name",
  filters: {
    ownerId: z.uuid().optional(),
    tag: z.string().trim().min(1).optional(),
    industry: z.string().trim().min(1).optional(),
  },
});
export type CompanyListQuery = z.infer<typeof companyListQuery>;
export const companyExportQuery = companyListQuery.pick({ ownerId: true, tag: true, industry: true, q: true, sort: true });

export const companyDto = z.object({
  id: z.uuid(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  size: z.enum(COMPANY_SIZES).nullable(),
  address: postalAddressSchema.nullable(),
  ownerId: z.uuid().nullable(),
  tags: z.array(z.string()),
  customerId: z.uuid().nullable().describe("master-data's customer, once the company became one (lead conversion)"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CompanyDto = z.infer<typeof companyDto>;

export function toCompanyDto(row: Company): CompanyDto {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    industry: row.industry,
    size: row.size as CompanyDto["size"],
    address: (row.address as CompanyDto["address"]) ?? null,
    ownerId: row.ownerId,
    tags: row.tags,
    customerId: row.customerId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function companySnapshot(dto: CompanyDto) {
  const { name, domain, industry, size, ownerId, tags, customerId } = dto;
  return { name, domain, industry, size, ownerId, tags, customerId };
}
