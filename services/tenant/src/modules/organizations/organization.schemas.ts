/** Request and response schemas for organizations (public and internal routes). */
import { z } from "zod";
import type { Organization } from "../../generated/prisma/client";

// Intl knows the ISO 4217 codes and the IANA zones this runtime can actually format with.
const currencies = new Set(Intl.supportedValuesOf("currency"));

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "Must be an ISO 4217 code such as USD")
  .refine((code) => currencies.has(code), "Unknown ISO 4217 currency code")
  .describe("ISO 4217 currency code");

export const timeZone = z.string().min(1).refine(isTimeZone, "Unknown IANA time zone").describe("IANA time zone");

const organizationName = z.string().trim().min(1).max(200);

export const slug = z
  .string()
  .min(3)
  .max(63)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Lowercase letters, digits and single dashes");

export const organizationIdParams = z.object({ id: z.uuid() });

export const updateOrganizationBody = z
  .object({ name: organizationName, slug, baseCurrency: currencyCode, timezone: timeZone })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { name: "Acme Trading GmbH", baseCurrency: "EUR", timezone: "Europe/Berlin" } });

export type UpdateOrganizationInput = z.infer<typeof updateOrganizationBody>;

export const createOrganizationBody = z
  .object({
    id: z.uuid(),
    name: organizationName,
    baseCurrency: currencyCode.default("USD"),
    timezone: timeZone.default("UTC"),
  })
  .strict();

export type CreateOrganizationInput = z.infer<typeof createOrganizationBody>;

export const organizationStatus = z.enum(["pending", "active", "suspended"]);

export const organizationDto = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  baseCurrency: z.string(),
  timezone: z.string(),
  status: organizationStatus,
  booksOpenedAt: z.iso
    .datetime()
    .nullable()
    .describe("When finance posted the organization's first entry; from then on baseCurrency cannot change (409 BASE_CURRENCY_LOCKED)"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type OrganizationDto = z.infer<typeof organizationDto>;

export function toOrganizationDto(organization: Organization): OrganizationDto {
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    baseCurrency: organization.baseCurrency,
    timezone: organization.timezone,
    status: organization.status,
    booksOpenedAt: organization.booksOpenedAt?.toISOString() ?? null,
    createdAt: organization.createdAt.toISOString(),
    updatedAt: organization.updatedAt.toISOString(),
  };
}

export const organizationAccessDto = z.object({
  status: organizationStatus,
  enabledModules: z.array(z.string()),
});

export type OrganizationAccessDto = z.infer<typeof organizationAccessDto>;
