/** Request and response schemas of the lock date, its history and the year-end close. */
import { z } from "@erp/http-kit";
import { dateString } from "@erp/dates";

const date = dateString;

export const lockBody = z
  .object({ lockedThrough: date.describe("The last day on which nothing may be posted or reversed any more") })
  .strict()
  .openapi({ example: { lockedThrough: "2026-03-31" } });
export type LockInput = z.infer<typeof lockBody>;

export const unlockBody = z
  .object({
    lockedThrough: date.nullable().describe("The new, earlier lock date; null lifts the lock"),
    reason: z.string().trim().min(3).max(500).describe("Why the books are opened again; kept in the history"),
  })
  .strict()
  .openapi({ example: { lockedThrough: "2026-02-28", reason: "Supplier invoice of March found after the lock" } });
export type UnlockInput = z.infer<typeof unlockBody>;

export const closeYearBody = z
  .object({
    fiscalYear: z.int().min(1900).max(9999).describe("Named after the calendar year it starts in").meta({ example: 2025 }),
    retainedEarningsAccountId: z.uuid().optional().describe("Needed only when the chart has several retained-earnings accounts"),
  })
  .strict()
  .openapi({ example: { fiscalYear: 2025 } });
export type CloseYearInput = z.infer<typeof closeYearBody>;

const fiscalYearDto = z.object({
  fiscalYear: z.int().describe("Named after the calendar year it starts in"),
  start: z.string(),
  end: z.string(),
});

export const lockEventDto = z.object({
  id: z.uuid(),
  action: z.enum(["lock", "unlock"]),
  lockedThrough: z.string().nullable(),
  previousLockedThrough: z.string().nullable(),
  reason: z.string().nullable(),
  actor: z.object({ type: z.string(), id: z.string() }),
  at: z.string(),
});
export type LockEventDto = z.infer<typeof lockEventDto>;

export const lockStateDto = z.object({
  lockedThrough: z.string().nullable().describe("Nothing may be posted or reversed on or before it; null: nothing is locked"),
});
export type LockStateDto = z.infer<typeof lockStateDto>;

export const periodsDto = lockStateDto.extend({
  fiscalYearStartMonth: z.int().min(1).max(12),
  currentFiscalYear: fiscalYearDto,
  closedFiscalYears: z.array(
    fiscalYearDto.extend({ entryId: z.uuid(), entryNumber: z.string().nullable(), closedBy: z.string(), closedAt: z.string() }),
  ),
  history: z.array(lockEventDto).describe("Every move of the lock date, newest first"),
});
export type PeriodsDto = z.infer<typeof periodsDto>;

export const closingDto = fiscalYearDto.extend({
  entryId: z.uuid(),
  entryNumber: z.string(),
  netIncome: z.string().describe("Income − expenses moved to retained earnings (negative: a loss), in base currency"),
  currency: z.string(),
  lockedThrough: z.string().describe("The lock date after the close: at least the year's last day"),
});
export type ClosingDto = z.infer<typeof closingDto>;
