/** Request and response schemas of expenses and other revenue (one shape, two kinds). */
import { dateString } from "@erp/dates";
import { listQuery, z } from "@erp/http-kit";
import { currencyCode, decimalString, formatMoney } from "@erp/money";
import type { CashTransaction } from "../../generated/prisma/client";
import type { PartyKind } from "../parties/party-read-model";
import { NOT_IN_FUTURE_RULE } from "../periods/not-in-future";
import { CASH_AMOUNT_RULE } from "./cash-transaction-amounts";

// cash_transactions.amount is numeric(20, 4); exchange rates numeric(20, 10).
const money = decimalString(4, "positive", "120.00", 20);
const rate = decimalString(10, "positive", "1.10", 20);

/** A URL (http or https) or a file id of the file service: no spaces, at most 2,000 characters. */
const attachmentUrl = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((value) => (/^[a-z][a-z0-9+.-]*:/i.test(value) ? /^https?:\/\/[^\s]+$/i.test(value) : /^[\w.:/-]+$/.test(value)), {
    message: "A http(s) URL or a file id (letters, digits and . _ : / -)",
  });

const exampleIds = {
  account: "0193a1b2-0000-7000-8000-000000000610",
  income: "0193a1b2-0000-7000-8000-000000000490",
  bank: "0193a1b2-0000-7000-8000-000000000120",
  tax: "0193a1b2-0000-7000-8000-000000000701",
  salesTax: "0193a1b2-0000-7000-8000-000000000702",
};

export const recordCashTransactionBody = z
  .object({
    date: dateString.describe(`When the money moved. ${NOT_IN_FUTURE_RULE}`),
    counterparty: z.string().trim().min(1).max(200).optional().describe("Who was paid (expenses) or paid (revenue), as free text"),
    partyId: z.uuid().optional().describe("The supplier (expenses) or customer (revenue), when it is one of master-data's; active"),
    accountId: z.uuid().describe("The expense account (expenses) or income account (revenue): an active posting account of that type"),
    amount: money.describe(`In \`currency\`, at its minor unit. ${CASH_AMOUNT_RULE}`),
    amountIncludesTax: z.boolean().default(true).describe("Whether `amount` includes the tax (default) or is the net"),
    taxRateId: z.uuid().optional().describe("A purchase (expenses) or sales (revenue) tax rate; the tax posts to its tax account"),
    currency: currencyCode.optional().describe("ISO 4217; default the bank or cash account's currency, else the base currency"),
    exchangeRate: rate
      .optional()
      .describe("Base currency per one unit of `currency`; default the organization's rate on the date (1 for the base currency, the only rate it takes)"),
    bankAccountId: z.uuid().describe("The bank or cash account the money went out of (into): an active posting account of subtype bank or cash"),
    reference: z.string().trim().min(1).max(200).optional().describe("A receipt number, the bank's reference"),
    attachmentUrl: attachmentUrl.optional().describe("Where the receipt is: a http(s) URL or a file id (no file is stored here)"),
    notes: z.string().trim().max(2000).optional(),
  })
  .strict()
  .openapi({
    example: {
      date: "2026-03-14",
      counterparty: "Office Supplies Ltd",
      accountId: exampleIds.account,
      amount: "120.00",
      taxRateId: exampleIds.tax,
      bankAccountId: exampleIds.bank,
      reference: "Receipt 88412",
      attachmentUrl: "https://files.example.com/receipts/88412.pdf",
    },
  });
export type RecordCashTransactionBody = z.infer<typeof recordCashTransactionBody>;

/** POST /revenue's body: the same fields, with an example of money in. */
export const recordRevenueBody = recordCashTransactionBody.openapi({
  example: {
    date: "2026-03-14",
    counterparty: "Riverside Events GmbH",
    accountId: exampleIds.income,
    amount: "238.00",
    taxRateId: exampleIds.salesTax,
    bankAccountId: exampleIds.bank,
    reference: "Hall rental, March",
  },
});
/** What the use case takes: the body, `amountIncludesTax` optional (default true) for callers other than the route. */
export type RecordCashTransactionInput = Omit<RecordCashTransactionBody, "amountIncludesTax"> & { amountIncludesTax?: boolean };

export const voidCashTransactionBody = z
  .object({ reason: z.string().trim().min(1).max(500).describe("Why, kept with it") })
  .strict()
  .openapi({ example: { reason: "Recorded twice" } });
export type VoidCashTransactionInput = z.infer<typeof voidCashTransactionBody>;

export const cashTransactionListQuery = listQuery({
  sortable: ["date", "number", "amount", "createdAt"],
  defaultSort: "-date",
  filters: {
    from: dateString.optional().describe("Dated on or after"),
    to: dateString.optional().describe("Dated on or before"),
    accountId: z.uuid().optional().describe("Posted to this expense (income) account"),
    bankAccountId: z.uuid().optional().describe("Through this bank or cash account"),
    status: z.enum(["posted", "void"]).optional(),
    partyId: z.uuid().optional().describe("The supplier's (customer's)"),
  },
});
export type CashTransactionListQuery = z.infer<typeof cashTransactionListQuery>;

export const cashTransactionIdParams = z.object({ id: z.uuid() });

export const cashTransactionDto = z.object({
  id: z.uuid(),
  kind: z.enum(["expense", "revenue"]),
  number: z.string().describe("EXP-<fiscal year>-0001 (expenses) or REV-<fiscal year>-0001 (revenue), gap-free"),
  status: z.enum(["posted", "void"]),
  date: z.string(),
  counterparty: z.string().nullable(),
  party: z.object({ type: z.enum(["customer", "supplier"]), id: z.uuid() }).nullable(),
  accountId: z.uuid(),
  bankAccountId: z.uuid(),
  amountIncludesTax: z.boolean(),
  netAmount: z.string(),
  taxRateId: z.uuid().nullable(),
  taxRate: z.string().nullable().describe("The rate's percent when recorded"),
  taxAmount: z.string(),
  amount: z.string().describe("What the bank or cash account moved: netAmount + taxAmount"),
  currency: z.string(),
  exchangeRate: z.string(),
  baseCurrency: z.string(),
  baseAmount: z.string().describe("The bank or cash line in the base currency"),
  reference: z.string().nullable(),
  attachmentUrl: z.string().nullable(),
  notes: z.string().nullable(),
  journalEntryId: z.uuid(),
  bankLineId: z.uuid().describe("The entry's bank or cash line (bank reconciliation matches statement lines to it)"),
  voidEntryId: z.uuid().nullable(),
  voidedAt: z.string().nullable(),
  voidedBy: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CashTransactionDto = z.infer<typeof cashTransactionDto>;

const day = (date: Date) => date.toISOString().slice(0, 10);

export function toCashTransactionDto(row: CashTransaction, baseCurrency: string): CashTransactionDto {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    status: row.status,
    date: day(row.date),
    counterparty: row.counterparty,
    party: row.partyType && row.partyId ? { type: row.partyType as PartyKind, id: row.partyId } : null, // a parties row: never an employee
    accountId: row.accountId,
    bankAccountId: row.bankAccountId,
    amountIncludesTax: row.amountIncludesTax,
    netAmount: formatMoney(row.netAmount, row.currency),
    taxRateId: row.taxRateId,
    taxRate: row.taxRate?.toFixed() ?? null,
    taxAmount: formatMoney(row.taxAmount, row.currency),
    amount: formatMoney(row.amount, row.currency),
    currency: row.currency,
    exchangeRate: row.exchangeRate.toFixed(),
    baseCurrency,
    baseAmount: formatMoney(row.baseAmount, baseCurrency),
    reference: row.reference,
    attachmentUrl: row.attachmentUrl,
    notes: row.notes,
    journalEntryId: row.journalEntryId,
    bankLineId: row.bankLineId,
    voidEntryId: row.voidEntryId,
    voidedAt: row.voidedAt?.toISOString() ?? null,
    voidedBy: row.voidedBy,
    voidReason: row.voidReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
