/**
 * Request and response schemas of the receivables and payables reports: the aging as of a date
 * and a customer's or supplier's statement. Amounts are decimal strings at their currency's minor
 * units, with the currency beside them.
 */
import { dateString } from "@erp/dates";
import { z } from "@erp/http-kit";

const amount = z.string().meta({ example: "1250.00" });
const format = z
  .enum(["json", "csv"])
  .optional()
  .describe("csv: the report as a CSV file; `Accept: text/csv` does the same. Default: JSON");

export const AGING_BUCKETS = ["current", "days1To30", "days31To60", "days61To90", "over90"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export const agingQuery = z
  .object({
    type: z.enum(["receivable", "payable"]).describe("receivable: customers' invoices and credits; payable: suppliers' bills and payments made"),
    asOf: dateString.describe("The day the report is taken at (end of day)"),
    partyId: z.uuid().optional().describe("Only this customer (receivable) or supplier (payable); 404 when the organization has no such party"),
    format,
  })
  .strict();
export type AgingQuery = z.infer<typeof agingQuery>;

const buckets = z
  .object({
    current: amount.describe("Not yet due at asOf"),
    days1To30: amount.describe("1 to 30 days past due"),
    days31To60: amount.describe("31 to 60 days past due"),
    days61To90: amount.describe("61 to 90 days past due"),
    over90: amount.describe("More than 90 days past due"),
    unallocatedCredits: amount.describe("Payments and credit notes not yet allocated to a document (negative)"),
    total: amount.describe("The buckets plus the unallocated credits"),
  })
  .meta({
    example: { current: "1200.00", days1To30: "300.00", days31To60: "0.00", days61To90: "0.00", over90: "50.00", unallocatedCredits: "-100.00", total: "1450.00" },
  });
export type AgingBucketsDto = z.infer<typeof buckets>;

const agingItem = z.object({
  kind: z.enum(["invoice", "bill", "credit_note", "payment"]),
  id: z.uuid(),
  number: z.string(),
  date: z.string().describe("Issue (approval) date, or the payment's date"),
  dueDate: z.string().nullable().describe("Null for credits"),
  daysPastDue: z.int().nullable().describe("asOf − dueDate (0 or less: not yet due); null for credits"),
  bucket: z.enum([...AGING_BUCKETS, "unallocatedCredits"]),
  currency: z.string(),
  total: amount.describe("The document's total (payment's amount), in its currency"),
  open: amount.describe("What was still open at asOf, in its currency (negative for credits)"),
  baseOpen: amount.describe("The same in the base currency, at the document's (payment's) rate: what it holds in the ledger"),
});

export const agingDto = z.object({
  type: z.enum(["receivable", "payable"]),
  asOf: z.string(),
  currency: z.string().describe("The base currency of every bucket"),
  parties: z.array(
    buckets.extend({
      partyType: z.enum(["customer", "supplier"]),
      partyId: z.uuid(),
      code: z.string(),
      name: z.string(),
      items: z.array(agingItem).describe("The party's open documents and unallocated credits, by date"),
    }),
  ),
  totals: buckets.describe("Sum over the parties: `total` equals the receivable (payable) accounts' balance in the trial balance as of asOf"),
  totalsByCurrency: z
    .array(buckets.extend({ currency: z.string() }))
    .describe("The same buckets in each document currency (amounts as owed, not converted)"),
});
export type AgingDto = z.infer<typeof agingDto>;

export const statementParams = z.object({ id: z.uuid() }).strict();

export const statementQuery = z
  .object({
    from: dateString.optional().describe("First day. Default: the first day of the month of `to`"),
    to: dateString.optional().describe("Last day. Default: today (UTC), or `from` when that is later"),
    format,
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.from !== undefined && query.to !== undefined && query.to < query.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `Must be on or after ${query.from}` });
    }
  });
export type StatementQuery = z.infer<typeof statementQuery>;

/** The statement's range, its defaults filled in: `to` today (or `from` when later), `from` the first day of `to`'s month. */
export function statementRange(query: Pick<StatementQuery, "from" | "to">, today: string): { from: string; to: string } {
  const to = query.to ?? (query.from !== undefined && query.from > today ? query.from : today);
  return { from: query.from ?? `${to.slice(0, 7)}-01`, to };
}

export const STATEMENT_LINE_TYPES = [
  "invoice",
  "credit_note",
  "bill",
  "invoice_void",
  "credit_note_void",
  "bill_void",
  "payment",
  "payment_void",
  "allocation_fx",
  "allocation_fx_void",
  "journal",
] as const;

const statementLine = z.object({
  date: z.string(),
  entryId: z.uuid(),
  entryNumber: z.string().describe("The journal entry that moved the balance"),
  type: z
    .enum(STATEMENT_LINE_TYPES)
    .describe("What the entry posted: a document, a payment, a void of either, an exchange difference at settlement, or a manual journal entry"),
  sourceId: z.string().nullable().describe("The document's, payment's or allocation's id"),
  number: z.string().nullable().describe("The document's or payment's number (an exchange difference names the settled document)"),
  dueDate: z.string().nullable().describe("An invoice's (bill's) due date"),
  description: z.string().nullable(),
  currency: z.string().describe("The line's currency"),
  currencyAmount: amount.describe("The movement in that currency (positive: more owed)"),
  amount: amount.describe("The movement in the base currency (positive: more owed)"),
  balance: amount.describe("The running balance after this line, in the base currency"),
});
export type StatementLineDto = z.infer<typeof statementLine>;

export const statementDto = z.object({
  party: z.object({ type: z.enum(["customer", "supplier"]), id: z.uuid(), code: z.string(), name: z.string(), currency: z.string() }),
  from: z.string(),
  to: z.string(),
  currency: z.string().describe("The base currency of the balances"),
  openingBalance: amount.describe("Owed at the end of the day before `from` (negative: the party's credit)"),
  lines: z.array(statementLine),
  closingBalance: amount.describe("Owed at the end of `to`: the party's total in the aging as of `to`"),
});
export type StatementDto = z.infer<typeof statementDto>;
