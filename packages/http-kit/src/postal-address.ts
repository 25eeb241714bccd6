/**
 * A postal address as every service takes and shows it (parties, warehouses, the organization's
 * letterhead): `{line1, line2, city, region, postalCode, country}`, stored as jsonb. `country` is an
 * ISO 3166-1 alpha-2 code that is assigned (the i18n-iso-countries list, Kosovo's XK included); the
 * optional parts are null when absent. Every part is one line of text: control characters (line
 * breaks, tabs) are refused, so a printed address has as many lines as it has parts.
 */
import { getAlpha2Codes } from "i18n-iso-countries";
import { z } from "./zod";

const COUNTRY_CODES = new Set(Object.keys(getAlpha2Codes()));

/** One line of text: trimmed, 1..`max` characters, no control character (Unicode Cc: C0, DEL, C1). */
export const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^\P{Cc}*$/u, "Must be one line, without control characters (line breaks, tabs)");

const line = singleLine(200);

export const postalAddressSchema = z
  .object({
    line1: line,
    line2: line.nullable().default(null),
    city: line,
    region: line.nullable().default(null),
    postalCode: singleLine(20).nullable().default(null),
    country: z
      .string()
      .trim()
      .refine((code) => COUNTRY_CODES.has(code), "Must be an assigned ISO 3166-1 alpha-2 code in capitals, such as DE"),
  })
  .strict()
  .openapi({ example: { line1: "Hauptstrasse 5", line2: null, city: "Berlin", region: null, postalCode: "10115", country: "DE" } });

export type PostalAddress = z.infer<typeof postalAddressSchema>;

/**
 * The shape a stored address is read with: its parts as text, without the input's rules, so an
 * address stored before a rule was added (a line break, a country code since refused) still shows.
 */
const storedPostalAddress = z.object({
  line1: z.string(),
  line2: z.string().nullable().default(null),
  city: z.string(),
  region: z.string().nullable().default(null),
  postalCode: z.string().nullable().default(null),
  country: z.string(),
});

/** A stored address as the API shows it: null when none, or when it is not an address at all. */
export function readPostalAddress(stored: unknown): PostalAddress | null {
  const parsed = storedPostalAddress.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
