/**
 * A postal address as every service takes and shows it (parties, warehouses, the organization's
 * letterhead): `{line1, line2, city, region, postalCode, country}`, stored as jsonb. `country` is an
 * ISO 3166-1 alpha-2 code; the optional parts are null when absent.
 */
import { z } from "./zod";

const line = z.string().trim().min(1).max(200);

export const postalAddressSchema = z
  .object({
    line1: line,
    line2: line.nullable().default(null),
    city: line,
    region: line.nullable().default(null),
    postalCode: z.string().trim().min(1).max(20).nullable().default(null),
    country: z.string().regex(/^[A-Z]{2}$/, "Must be an ISO 3166-1 alpha-2 code such as DE"),
  })
  .strict()
  .openapi({ example: { line1: "Hauptstrasse 5", line2: null, city: "Berlin", region: null, postalCode: "10115", country: "DE" } });

export type PostalAddress = z.infer<typeof postalAddressSchema>;

/** A stored address as the API shows it: null when none, or when it no longer validates. */
export function readPostalAddress(stored: unknown): PostalAddress | null {
  const parsed = postalAddressSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
