/** The organization's settings: a typed document stored as jsonb. */
import { postalAddressSchema, singleLine, z } from "@erp/http-kit";

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

const fields = {
  fiscalYearStartMonth: z.number().int().min(1).max(12).describe("Month the fiscal year starts in (1 = January)"),
  dateFormat: z.enum(["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY"]),
  allowNegativeStock: z.boolean(),
  defaultPaymentTermsDays: z.number().int().min(0).max(365),
  locale: z.string().min(2).max(35).refine(isLocale, "Must be a BCP 47 locale such as en-US"),
  address: postalAddressSchema.nullable().describe("The organization's postal address, printed on its invoices and credit notes; null when none is given"),
  taxId: singleLine(50).nullable().describe("The organization's tax (VAT) id, printed on its invoices and credit notes; null when none"),
};

export const defaultSettings: Settings = {
  fiscalYearStartMonth: 1,
  dateFormat: "YYYY-MM-DD",
  allowNegativeStock: false,
  defaultPaymentTermsDays: 30,
  locale: "en-US",
  address: null,
  taxId: null,
};

export const settingsDto = z.object(fields);

export type Settings = z.infer<typeof settingsDto>;

export const updateSettingsBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one setting to change")
  .openapi({
    example: {
      fiscalYearStartMonth: 4,
      dateFormat: "DD.MM.YYYY",
      locale: "de-DE",
      address: { line1: "Friedrichstrasse 100", line2: null, city: "Berlin", region: null, postalCode: "10117", country: "DE" },
      taxId: "DE123456789",
    },
  });

export type UpdateSettingsInput = z.infer<typeof updateSettingsBody>;

/**
 * Reads a stored document: defaults fill settings added after it was written, and a value that
 * no longer validates falls back to its default instead of breaking every read.
 */
export function readSettings(stored: unknown): Settings {
  const document = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const settings: Record<string, unknown> = { ...defaultSettings };
  for (const [key, schema] of Object.entries(fields)) {
    const parsed = schema.safeParse(document[key]);
    if (parsed.success) settings[key] = parsed.data;
  }
  return settings as Settings;
}
