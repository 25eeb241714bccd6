/** Query and response schemas of the CRM reports. Amounts are decimal strings beside their currency. */
import { z } from "@erp/http-kit";
import { dateString } from "@erp/dates";

const date = dateString;
const money = z.string().describe("Decimal string, 2 places");
const currencyMode = z
  .enum(["none", "single", "per_currency"])
  .describe("none: no amounts; single: every amount is in one currency; per_currency: amounts are in several currencies and are reported per currency, never added across currencies (no conversion)");

export const pipelineReportQuery = z.object({
  pipelineId: z.uuid().optional().describe("Default: the default pipeline"),
  ownerId: z.uuid().optional(),
});

const amountRow = z.object({ currency: z.string(), count: z.number().int(), total: money, weighted: money.describe("Σ amount × stage probability / 100, rounded once at the end") });

export const pipelineReportDto = z.object({
  pipelineId: z.uuid(),
  pipelineName: z.string(),
  currencyMode,
  currencies: z.array(z.string()),
  note: z.string().nullable().describe("Says so when amounts are reported per currency"),
  stages: z.array(
    z.object({
      stageId: z.uuid(),
      name: z.string(),
      kind: z.enum(["open", "won", "lost"]),
      probability: z.number().int(),
      count: z.number().int().describe("Opportunities in the stage"),
      withoutAmount: z.number().int(),
      amounts: z.array(amountRow).describe("Per currency"),
    }),
  ),
  totals: z.array(amountRow).describe("Per currency, over every stage"),
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
  note: z.string().nullable(),
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
