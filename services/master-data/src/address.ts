/** Postal addresses of parties and warehouses, stored as jsonb. */
import { z } from "@erp/http-kit";

const line = z.string().trim().min(1).max(200);

export const addressSchema = z
  .object({
    line1: line,
    line2: line.nullable().default(null),
    city: line,
    region: line.nullable().default(null),
    postalCode: z.string().trim().min(1).max(20).nullable().default(null),
    country: z.string().regex(/^[A-Z]{2}$/, "Must be an ISO 3166-1 alpha-2 code such as DE"),
  })
  .strict();

export type Address = z.infer<typeof addressSchema>;

/** A stored address as the API shows it (null when none). */
export function readAddress(stored: unknown): Address | null {
  const parsed = addressSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
