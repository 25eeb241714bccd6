/** Query and response schemas of the CRM reports. Amounts are decimal strings beside their currency. */
import { z } from "@erp/http-kit";
import { dateString } from "@erp/dates";

const date = dateString;
const money = z.string().describe("Decimal string, 2 places");
const currencyMode = z
  .enum(["none", "base", "mixed", "single", "per_currency"])
  .describe(
    "How amounts relate to currencies. none: no amounts. With the organization's base currency known (`baseCurrency`): base: every amount " +
      "is converted to it (or in it already), so the base figures hold everything; mixed: the currencies in `unconvertedCurrencies` have no " +
      "exchange rate on `ratesAsOf` and are only in the per-currency rows, the base figures hold the rest. Without it (`baseCurrency` null, " +
      "no conversion): single: every amount is in one currency; per_currency: several currencies, each reported on its own, never added across currencies.",
  );

const conversion = {
  baseCurrency: z.string().nullable().describe("The organization's base currency as the CRM knows it (tenant and finance events); null: not known yet, nothing is converted"),
  ratesAsOf: z.string().describe("Each currency is converted at its latest exchange rate (finance's) effective on this date: today (UTC)"),
  rates: z
    .array(z.object({ currency: z.string(), rate: z.string().describe("Base currency per one unit of `currency`"), effectiveDate: z.string() }))
    .describe("The rate used for each converted currency"),
  unconvertedCurrencies: z.array(z.string()).describe("Currencies in no base figure (no rate on `ratesAsOf`, or no base currency known)"),
};

export const baseFiguresDto = z
  .object({
    count: z.number().int().describe("Opportunities counted (in the base currency or converted)"),
    total: z.string().describe("Σ amount × rate, exact, rounded once to the base currency's minor units"),
    weighted: z.string().describe("Σ amount × stage probability / 100 × rate, exact, rounded once to the base currency's minor units"),
  })
  .describe("In the base currency: the amounts that are in it or have a rate; null when the base currency is not known");
export type BaseFiguresDto = z.infer<typeof baseFiguresDto>;
export type CurrencyRateDto = z.infer<typeof conversion.rates.element>;

export const pipelineReportQuery = z.object({
  pipelineId: z.uuid().optional().describe("Default: the default pipeline"),
  ownerId: z.uuid().optional(),
});

const amountRow = z.object({ currency: z.string(), count: z.number().int(), total: money, weighted: money.describe("Σ amount × stage probability / 100, rounded once at the end") });

export const pipelineReportDto = z.object({
  pipelineId: z.uuid(),
  pipelineName: z.string(),
  currencyMode,
  ...conversion,
  currencies: z.array(z.string()).describe("Every currency with an amount"),
  note: z.string().nullable().describe("Says what was converted at which date, and what was not"),
  stages: z.array(
    z.object({
      stageId: z.uuid(),
      name: z.string(),
      kind: z.enum(["open", "won", "lost"]),
      probability: z.number().int(),
      count: z.number().int().describe("Opportunities in the stage"),
      withoutAmount: z.number().int(),
      amounts: z.array(amountRow).describe("Per currency, in that currency (converted or not)"),
      base: baseFiguresDto.nullable(),
    }),
  ),
  totals: z.array(amountRow).describe("Per currency, over every stage"),
  baseTotals: baseFiguresDto.nullable().describe("Over every stage, in the base currency"),
});
export type PipelineReportDto = z.infer<typeof pipelineReportDto>;

export const forecastQuery = z
  .object({
    from: date.describe("First expected close date included"),
    to: date.describe("Last expected close date included"),
    pipelineId: z.uuid().optional().describe("Default: every pipeline"),
    ownerId: z.uuid().optional(),
  })
  .refine((q) => q.from <= q.to, { message: "from must not be after to", path: ["to"] });

export const forecastDto = z.object({
  from: z.string(),
  to: z.string(),
  currencyMode,
  ...conversion,
  note: z.string().nullable().describe("Says what was converted at which date, and what was not"),
  rows: z.array(
    z.object({
      month: z.string().describe("YYYY-MM of the expected close date"),
      ownerId: z.uuid().nullable(),
      currency: z.string(),
      count: z.number().int(),
      amount: money,
      weighted: money,
    }),
  ),
  totals: z.array(z.object({ currency: z.string(), count: z.number().int(), amount: money, weighted: money })),
  baseRows: z
    .array(z.object({ month: z.string(), ownerId: z.uuid().nullable(), base: baseFiguresDto }))
    .describe("Per month and owner, in the base currency (empty when it is not known)"),
  baseTotals: baseFiguresDto.nullable().describe("Over the range, in the base currency"),
  withoutAmount: z.number().int().describe("Open opportunities in the range without an amount (counted nowhere above)"),
});
export type ForecastDto = z.infer<typeof forecastDto>;

export const winRateQuery = z
  .object({
    from: date.optional().describe("Closed on or after"),
    to: date.optional().describe("Closed on or before"),
    pipelineId: z.uuid().optional(),
    ownerId: z.uuid().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["to"] });

const rate = z.string().nullable().describe("won / (won + lost), 4 places; null when none closed");
export const winRateDto = z.object({
  won: z.number().int(),
  lost: z.number().int(),
  winRate: rate,
  byOwner: z.array(z.object({ ownerId: z.uuid().nullable(), won: z.number().int(), lost: z.number().int(), winRate: rate })),
});
export type WinRateDto = z.infer<typeof winRateDto>;

export const stageTimeQuery = z.object({ pipelineId: z.uuid().optional().describe("Default: the default pipeline") });

export const stageTimeDto = z.object({
  pipelineId: z.uuid(),
  stages: z.array(
    z.object({
      stageId: z.uuid(),
      name: z.string(),
      exits: z.number().int().describe("Moves out of the stage in the stage history"),
      averageSeconds: z.number().int().nullable().describe("Average time in the stage over the moves out of it, rounded; null without any"),
      averageDays: z.string().nullable().describe("The same in days, 2 places"),
    }),
  ),
});
export type StageTimeDto = z.infer<typeof stageTimeDto>;
