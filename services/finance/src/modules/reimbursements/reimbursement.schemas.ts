/** Request and response schemas of reimbursement claims. */
import { dateString } from "@erp/dates";
import { listQuery, z } from "@erp/http-kit";
import { currencyCode, decimalString, formatMoney } from "@erp/money";
import type { Reimbursement, ReimbursementLine, ReimbursementTransition } from "../../generated/prisma/client";
import { NOT_IN_FUTURE_RULE } from "../periods/not-in-future";

// reimbursement_lines.amount is numeric(20, 4); exchange rates numeric(20, 10).
const money = decimalString(4, "positive", "42.00", 20);
const rate = decimalString(10, "positive", "1.10", 20);

export const REIMBURSEMENT_STATUSES = ["draft", "submitted", "approved", "rejected", "paid"] as const;
export type ReimbursementStatus = (typeof REIMBURSEMENT_STATUSES)[number];

export const TAX_INCLUDED_RULE =
  "`amount` is what the employee paid, tax included: tax = round(amount × rate / (100 + rate)), net = amount − tax, rounded to the currency's " +
  "minor unit, half away from zero (the expenses' rule).";

const exampleIds = { account: "0193a1b2-0000-7000-8000-000000000650", tax: "0193a1b2-0000-7000-8000-000000000701", bank: "0193a1b2-0000-7000-8000-000000000120" };

export const reimbursementLineInput = z
  .object({
    date: dateString.describe(`When the employee spent it. ${NOT_IN_FUTURE_RULE}`),
    accountId: z.uuid().describe("The category: an active posting account of type expense"),
    amount: money.describe(`Gross, in the claim's currency. ${TAX_INCLUDED_RULE}`),
    taxRateId: z.uuid().optional().describe("A purchase tax rate included in the amount; its tax posts to the rate's tax account"),
    description: z.string().trim().min(1).max(500),
  })
  .strict();

const lines = z.array(reimbursementLineInput).min(1).max(200);

export const createReimbursementBody = z
  .object({
    date: dateString.optional().describe(`The claim's date (default today): its fiscal year numbers it. ${NOT_IN_FUTURE_RULE}`),
    description: z.string().trim().min(1).max(500).optional().describe("What the claim is for (a trip, an event)"),
    currency: currencyCode.optional().describe("ISO 4217; default the base currency"),
    lines,
  })
  .strict()
  .openapi({
    example: {
      date: "2026-03-20",
      description: "Client visit, Lyon",
      lines: [{ date: "2026-03-18", accountId: exampleIds.account, amount: "42.00", taxRateId: exampleIds.tax, description: "Train ticket" }],
    },
  });
export type CreateReimbursementBody = z.infer<typeof createReimbursementBody>;

export const updateReimbursementBody = z
  .object({
    date: dateString.optional().describe(NOT_IN_FUTURE_RULE),
    description: z.string().trim().min(1).max(500).nullable().optional(),
    currency: currencyCode.optional(),
    lines: lines.optional().describe("Replaces every line"),
  })
  .strict()
  .openapi({ example: { description: "Client visit, Lyon and Dijon" } });
export type UpdateReimbursementBody = z.infer<typeof updateReimbursementBody>;

export const approveReimbursementBody = z
  .object({
    date: dateString.optional().describe(`The posting date (default today). ${NOT_IN_FUTURE_RULE}`),
    exchangeRate: rate.optional().describe("Base currency per one unit of the claim's currency; default the organization's rate on the date"),
  })
  .strict()
  .openapi({ example: { date: "2026-03-25" } });
export type ApproveReimbursementBody = z.infer<typeof approveReimbursementBody>;

export const rejectReimbursementBody = z
  .object({ reason: z.string().trim().min(1).max(500).describe("Why, shown to the claimant and kept in the history") })
  .strict()
  .openapi({ example: { reason: "No receipt for the taxi" } });
export type RejectReimbursementBody = z.infer<typeof rejectReimbursementBody>;

export const payReimbursementBody = z
  .object({
    bankAccountId: z.uuid().describe("The bank or cash account paid from: an active posting account of subtype bank or cash (in the claim's currency when it has one)"),
    date: dateString.describe(`When the money was paid: on or after the approval (422 PAYMENT_BEFORE_APPROVAL). ${NOT_IN_FUTURE_RULE}`),
    exchangeRate: rate.optional().describe("Base currency per one unit of the claim's currency on the date; default the organization's rate"),
  })
  .strict()
  .openapi({ example: { bankAccountId: exampleIds.bank, date: "2026-03-31" } });
export type PayReimbursementBody = z.infer<typeof payReimbursementBody>;

export const reimbursementListQuery = listQuery({
  sortable: ["date", "number", "total", "createdAt"],
  defaultSort: "-date",
  filters: {
    status: z.enum(REIMBURSEMENT_STATUSES).optional(),
    claimantId: z.uuid().optional().describe("The claimant's user id"),
    from: dateString.optional().describe("Claim date on or after"),
    to: dateString.optional().describe("Claim date on or before"),
  },
});
export type ReimbursementListQuery = z.infer<typeof reimbursementListQuery>;

export const reimbursementIdParams = z.object({ id: z.uuid() });

const transitionDto = z.object({
  from: z.enum(REIMBURSEMENT_STATUSES).nullable().describe("null: created"),
  to: z.enum(REIMBURSEMENT_STATUSES),
  actor: z.object({ type: z.string(), id: z.string() }),
  at: z.string(),
  reason: z.string().nullable(),
});

export const reimbursementDto = z.object({
  id: z.uuid(),
  number: z.string().nullable().describe("RMB-<fiscal year>-0001, gap-free, given at submission"),
  status: z.enum(REIMBURSEMENT_STATUSES),
  claimantId: z.uuid().describe("The user who created the claim"),
  date: z.string(),
  description: z.string().nullable(),
  currency: z.string(),
  netAmount: z.string(),
  taxAmount: z.string(),
  total: z.string().describe("What the employee is owed: Σ lines' amounts"),
  lines: z.array(
    z.object({
      id: z.uuid(),
      date: z.string(),
      accountId: z.uuid(),
      description: z.string(),
      amount: z.string(),
      taxRateId: z.uuid().nullable(),
      taxRate: z.string().nullable().describe("The rate's percent when saved"),
      taxAmount: z.string(),
      netAmount: z.string(),
    }),
  ),
  baseCurrency: z.string(),
  exchangeRate: z.string().nullable().describe("At approval"),
  baseTotal: z.string().nullable().describe("The employee payable credited at approval, in the base currency"),
  approvedDate: z.string().nullable(),
  journalEntryId: z.uuid().nullable().describe("The approval's entry"),
  rejectionReason: z.string().nullable(),
  bankAccountId: z.uuid().nullable(),
  paidDate: z.string().nullable(),
  paymentExchangeRate: z.string().nullable(),
  paymentEntryId: z.uuid().nullable(),
  history: z.array(transitionDto).describe("Every change of status, oldest first: who, when, why"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReimbursementDto = z.infer<typeof reimbursementDto>;

export type ReimbursementRow = Reimbursement & { lines: ReimbursementLine[]; transitions: ReimbursementTransition[] };

const day = (date: Date) => date.toISOString().slice(0, 10);

export function toReimbursementDto(row: ReimbursementRow, baseCurrency: string): ReimbursementDto {
  const { currency } = row;
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    claimantId: row.claimantId,
    date: day(row.date),
    description: row.description,
    currency,
    netAmount: formatMoney(row.netAmount, currency),
    taxAmount: formatMoney(row.taxAmount, currency),
    total: formatMoney(row.total, currency),
    lines: [...row.lines]
      .sort((a, b) => a.position - b.position)
      .map((line) => ({
        id: line.id,
        date: day(line.date),
        accountId: line.accountId,
        description: line.description,
        amount: formatMoney(line.amount, currency),
        taxRateId: line.taxRateId,
        taxRate: line.taxRate?.toFixed() ?? null,
        taxAmount: formatMoney(line.taxAmount, currency),
        netAmount: formatMoney(line.netAmount, currency),
      })),
    baseCurrency,
    exchangeRate: row.exchangeRate?.toFixed() ?? null,
    baseTotal: row.baseTotal ? formatMoney(row.baseTotal, baseCurrency) : null,
    approvedDate: row.approvedDate ? day(row.approvedDate) : null,
    journalEntryId: row.journalEntryId,
    rejectionReason: row.rejectionReason,
    bankAccountId: row.bankAccountId,
    paidDate: row.paidDate ? day(row.paidDate) : null,
    paymentExchangeRate: row.paymentExchangeRate?.toFixed() ?? null,
    paymentEntryId: row.paymentEntryId,
    history: [...row.transitions]
      .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : 1))
      .map((t) => ({ from: t.fromStatus, to: t.toStatus, actor: { type: t.actorType, id: t.actorId }, at: t.at.toISOString(), reason: t.reason })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
