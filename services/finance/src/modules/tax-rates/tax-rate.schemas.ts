/** Request and response schemas of tax rates. */
import { wholeListQuery, z } from "@erp/http-kit";
import { Decimal, decimalString, formatDecimal } from "@erp/money";
import type { Account, TaxRate } from "../../generated/prisma/client";

export const TAX_RATE_SCOPES = ["sales", "purchase", "both"] as const;

// tax_rates.rate is numeric(7, 4), 0..100.
const rate = decimalString(4, "nonNegative", "20", 7)
  .refine((value) => !/^\d+(\.\d+)?$/.test(value) || new Decimal(value).lte(100), "Must be at most 100")
  .describe("Percent of a line's net: \"20\" is 20 %, \"7.7\" is 7.7 %; 0..100 with at most 4 decimals");

const fields = {
  name: z.string().trim().min(1).max(100).meta({ example: "VAT 20%" }).describe("Unique in the organization"),
  rate,
  appliesTo: z.enum(TAX_RATE_SCOPES).describe("Which documents may carry it: sales (invoices), purchase (bills) or both"),
  taxAccountId: z.uuid().describe("An active posting account of subtype tax, where the tax is posted"),
  description: z.string().trim().max(500).nullable().optional(),
};

export const createTaxRateBody = z
  .object({
    ...fields,
    taxAccountId: fields.taxAccountId
      .optional()
      .describe(
        "An active posting account of subtype tax, where the tax is posted. Default: the chart's first active posting tax account (lowest code) " +
          "that is a liability for sales and both (tax owed), an asset for purchase (tax reclaimable)",
      ),
  })
  .strict()
  .openapi({ example: { name: "VAT 20%", rate: "20", appliesTo: "sales", description: "Standard rate" } });
export type CreateTaxRateInput = z.infer<typeof createTaxRateBody>;

export const updateTaxRateBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { name: "VAT 19%", rate: "19" } });
export type UpdateTaxRateInput = z.infer<typeof updateTaxRateBody>;

export const taxRateDto = z.object({
  id: z.uuid(),
  name: z.string(),
  rate: z.string().describe("Percent with 4 decimals: \"20.0000\""),
  appliesTo: z.enum(TAX_RATE_SCOPES),
  taxAccount: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  description: z.string().nullable(),
  status: z.enum(["active", "archived"]),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TaxRateDto = z.infer<typeof taxRateDto>;

export const taxRateListQuery = wholeListQuery.extend({
  status: z.enum(["active", "archived"]).optional().describe("Only active or only archived rates; both when absent"),
  usableFor: z.enum(["sales", "purchase"]).optional().describe("Rates that apply to sales (sales and both) or to purchases (purchase and both)"),
});
export type TaxRateListQuery = z.infer<typeof taxRateListQuery>;

export const taxRateIdParams = z.object({ id: z.uuid() });

export type TaxRateWithAccount = TaxRate & { taxAccount: Pick<Account, "id" | "code" | "name"> };

export function toTaxRateDto(row: TaxRateWithAccount): TaxRateDto {
  return {
    id: row.id,
    name: row.name,
    rate: formatDecimal(row.rate, 4),
    appliesTo: row.appliesTo,
    taxAccount: { id: row.taxAccount.id, code: row.taxAccount.code, name: row.taxAccount.name },
    description: row.description,
    status: row.archivedAt ? "archived" : "active",
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
