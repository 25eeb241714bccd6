/** Request and response schemas of exchange rates. */
import { listQuery, z } from "@erp/http-kit";
import { currencyCode, decimalString } from "@erp/money";
import type { ExchangeRate } from "../../generated/prisma/client";
import { dateString } from "@erp/dates";

// exchange_rates.rate is numeric(20, 10).
const rate = decimalString(10, "positive", "1.0850", 20).describe("Base currency per one unit of `currency`");

export const createExchangeRateBody = z
  .object({ currency: currencyCode, effectiveDate: dateString.describe("Applies from this date until the next rate"), rate })
  .strict()
  .openapi({ example: { currency: "USD", effectiveDate: "2026-03-01", rate: "0.9210" } });
export type CreateExchangeRateInput = z.infer<typeof createExchangeRateBody>;

export const updateExchangeRateBody = z.object({ rate }).strict().openapi({ example: { rate: "0.9225" } });
export type UpdateExchangeRateInput = z.infer<typeof updateExchangeRateBody>;

export const exchangeRateDto = z.object({
  id: z.uuid(),
  currency: z.string(),
  baseCurrency: z.string(),
  effectiveDate: z.string(),
  rate: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ExchangeRateDto = z.infer<typeof exchangeRateDto>;

export const exchangeRateListQuery = listQuery({
  sortable: ["effectiveDate", "currency", "createdAt"],
  defaultSort: "-effectiveDate",
  filters: {
    currency: currencyCode.optional(),
    from: dateString.optional().describe("Effective on or after"),
    to: dateString.optional().describe("Effective on or before"),
  },
});
export type ExchangeRateListQuery = z.infer<typeof exchangeRateListQuery>;

export const exchangeRateIdParams = z.object({ id: z.uuid() });

export function toExchangeRateDto(row: ExchangeRate, baseCurrency: string): ExchangeRateDto {
  return {
    id: row.id,
    currency: row.currency,
    baseCurrency,
    effectiveDate: row.effectiveDate.toISOString().slice(0, 10),
    rate: row.rate.toFixed(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
