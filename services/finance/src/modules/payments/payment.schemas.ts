/** Request and response schemas of payments and their allocations. */
import { dateString } from "@erp/dates";
import { listQuery, z } from "@erp/http-kit";
import { currencyCode, decimalString, formatMoney } from "@erp/money";
import type { Allocation, Document, Payment } from "../../generated/prisma/client";
import type { PartyKind } from "../parties/party-read-model";
import { NOT_IN_FUTURE_RULE } from "../periods/not-in-future";

export const PAYMENT_DIRECTIONS = ["received", "made"] as const;
export type PaymentDirection = (typeof PAYMENT_DIRECTIONS)[number];

// payments.amount and allocations' amounts are numeric(20, 4); exchange rates numeric(20, 10).
const money = decimalString(4, "positive", "100.00", 20);
const rate = decimalString(10, "positive", "1.10", 20);

/**
 * How a payment in one currency settles a document in another, said once for the OpenAPI
 * descriptions: the client names what leaves the document, the payment side follows.
 */
export const CROSS_CURRENCY_RULE =
  "An allocation's `amount` is in the document's currency: what it removes from the document's amount due. " +
  "`paymentAmount` is what it takes from the payment, in the payment's currency: equal to `amount` when the currencies are the same " +
  "(give it only equal, or leave it out); for another currency give it, or leave it out and it is `amount` converted at the rates of the " +
  "payment's date: amount × (the organization's rate of the document's currency on that date, 1 for the base currency) ÷ the payment's rate, " +
  "rounded half away from zero to the payment currency's minor unit. " +
  "In the base currency the document loses `amount` × its own rate (its whole remaining base amount when the allocation settles the last of it); " +
  "the payment gives `paymentAmount` × the payment's rate (its whole remaining base amount when the allocation takes the last of it). " +
  "The difference is the exchange gain or loss (`baseDifference`, positive for a gain), posted at once against the exchange gain/loss account " +
  "(source allocation_fx), so the receivable (payable) account holds exactly the open documents' base amounts due minus the unallocated payments' base.";

const allocation = z
  .object({
    documentId: z.uuid().describe("An open invoice of the customer (payments received) or bill of the supplier (payments made)"),
    amount: money.describe("In the document's currency, at most its amount due; at the currency's minor unit"),
    paymentAmount: money
      .optional()
      .describe("In the payment's currency: what the allocation takes from the payment. Default: `amount`, converted when the currencies differ"),
  })
  .strict();
export type AllocationInput = z.infer<typeof allocation>;

const allocations = z
  .array(allocation)
  .max(100)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.documentId)) ctx.addIssue({ code: "custom", message: "The document is allocated once per request", path: [index, "documentId"] });
      seen.add(item.documentId);
    });
  });

const exampleIds = { customer: "0193a1b2-0000-7000-8000-000000000301", bank: "0193a1b2-0000-7000-8000-000000000120", invoice: "0193a1b2-0000-7000-8000-000000000402" };

export const recordPaymentBody = z
  .object({
    direction: z.enum(PAYMENT_DIRECTIONS).describe("received: from a customer, settles invoices; made: to a supplier, settles bills"),
    partyId: z.uuid().describe("The customer (received) or supplier (made); active"),
    paymentDate: dateString.describe(`The day the money moved. ${NOT_IN_FUTURE_RULE}: the payment settles its documents now`),
    amount: money.describe("In `currency`, at its minor unit"),
    currency: currencyCode.optional().describe("ISO 4217; default the party's currency"),
    exchangeRate: rate
      .optional()
      .describe("Base currency per one unit of `currency`; default the organization's rate on the payment date (1 for the base currency, the only rate it takes)"),
    accountId: z.uuid().describe("The bank or cash account the money goes through: an active posting account of subtype bank or cash"),
    reference: z.string().trim().min(1).max(200).optional().describe("The bank's or the party's reference"),
    notes: z.string().trim().max(2000).optional(),
    allocations: allocations.optional().describe("Documents the payment settles now; what is left stays as the party's credit, allocated later"),
  })
  .strict()
  .openapi({
    example: {
      direction: "received",
      partyId: exampleIds.customer,
      paymentDate: "2026-03-31",
      amount: "1200.00",
      currency: "EUR",
      accountId: exampleIds.bank,
      reference: "SEPA 4711",
      allocations: [{ documentId: exampleIds.invoice, amount: "1000.00" }],
    },
  });
export type RecordPaymentInput = z.infer<typeof recordPaymentBody>;

export const allocatePaymentBody = z
  .object({
    allocations: allocations.min(1),
    date: dateString.optional().describe(`The allocations' date (their exchange differences are posted on it): on or after the payment's date. ${NOT_IN_FUTURE_RULE}. Default today`),
  })
  .strict()
  .openapi({ example: { allocations: [{ documentId: exampleIds.invoice, amount: "200.00" }] } });
export type AllocatePaymentInput = z.infer<typeof allocatePaymentBody>;

export const voidPaymentBody = z
  .object({ reason: z.string().trim().min(1).max(500).describe("Why, kept on the payment") })
  .strict()
  .openapi({ example: { reason: "Bounced cheque" } });
export type VoidPaymentInput = z.infer<typeof voidPaymentBody>;

export const paymentListQuery = listQuery({
  sortable: ["paymentDate", "number", "createdAt"],
  defaultSort: "-paymentDate",
  filters: {
    direction: z.enum(PAYMENT_DIRECTIONS).optional(),
    partyId: z.uuid().optional().describe("The customer's or supplier's payments"),
    status: z.enum(["posted", "void"]).optional(),
    from: dateString.optional().describe("Payments dated on or after"),
    to: dateString.optional().describe("Payments dated on or before"),
  },
});
export type PaymentListQuery = z.infer<typeof paymentListQuery>;

export const paymentIdParams = z.object({ id: z.uuid() });

const allocationDto = z.object({
  id: z.uuid(),
  document: z.object({ id: z.uuid(), kind: z.enum(["invoice", "bill"]), number: z.string().nullable(), currency: z.string() }),
  allocationDate: z.string(),
  amount: z.string().describe("In the document's currency"),
  paymentAmount: z.string().describe("In the payment's currency"),
  baseAmount: z.string().describe("What the allocation removed from the document's base amount due"),
  baseDifference: z.string().describe("The exchange gain (positive) or loss (negative) posted, in the base currency"),
  fxEntryId: z.uuid().nullable().describe("The entry that posted `baseDifference` (source allocation_fx), when it is not 0"),
  voidedAt: z.string().nullable().describe("Set when the payment was voided (the allocation undone)"),
  createdAt: z.string(),
});

export const paymentDto = z.object({
  id: z.uuid(),
  number: z.string().describe("RCPT-<fiscal year>-0001 (received) or PAY-<fiscal year>-0001 (made), gap-free"),
  direction: z.enum(PAYMENT_DIRECTIONS),
  status: z.enum(["posted", "void"]),
  party: z.object({ type: z.enum(["customer", "supplier"]), id: z.uuid() }),
  paymentDate: z.string(),
  amount: z.string(),
  currency: z.string(),
  exchangeRate: z.string(),
  baseCurrency: z.string(),
  baseAmount: z.string(),
  accountId: z.uuid(),
  reference: z.string().nullable(),
  notes: z.string().nullable(),
  amountAllocated: z.string().describe("What its live allocations settle, in `currency`; 0 once void (the allocations are undone: listed with `voidedAt`)"),
  amountUnallocated: z.string().describe("The party's credit left on the payment, allocatable later; 0 once void (it holds nothing)"),
  baseAmountUnallocated: z
    .string()
    .describe("The unallocated part in the base currency, at the payment's rate: what it still holds on the receivable (payable) account; 0 once void"),
  journalEntryId: z.uuid(),
  voidEntryId: z.uuid().nullable(),
  voidedAt: z.string().nullable(),
  voidedBy: z.string().nullable(),
  voidReason: z.string().nullable(),
  allocations: z.array(allocationDto),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PaymentDto = z.infer<typeof paymentDto>;

export type AllocationRow = Allocation & { document: Pick<Document, "id" | "kind" | "number" | "currency"> };
export type PaymentRow = Payment & { allocations: AllocationRow[] };

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The base amount an allocation took from its payment: `baseAmount` left the document, and
 * `baseDifference` (a gain when positive) is what the payment gave beyond it for money received,
 * short of it for money paid.
 */
export function paymentSideBase(direction: PaymentDirection, row: Pick<Allocation, "baseAmount" | "baseDifference">) {
  return direction === "received" ? row.baseAmount.plus(row.baseDifference) : row.baseAmount.minus(row.baseDifference);
}

/** The payment's base amount its live allocations have not taken yet. */
export function unallocatedBase(row: PaymentRow) {
  if (row.status === "void") return row.baseAmount.times(0);
  return row.allocations.filter((a) => !a.voidedAt).reduce((left, a) => left.minus(paymentSideBase(row.direction, a)), row.baseAmount);
}

export function toPaymentDto(row: PaymentRow, baseCurrency: string): PaymentDto {
  const allocationsInOrder = [...row.allocations].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return {
    id: row.id,
    number: row.number,
    direction: row.direction,
    status: row.status,
    party: { type: row.partyType as PartyKind, id: row.partyId }, // a parties row: never an employee
    paymentDate: day(row.paymentDate),
    amount: formatMoney(row.amount, row.currency),
    currency: row.currency,
    exchangeRate: row.exchangeRate.toFixed(),
    baseCurrency,
    baseAmount: formatMoney(row.baseAmount, baseCurrency),
    accountId: row.accountId,
    reference: row.reference,
    notes: row.notes,
    // Void: nothing allocated, nothing left (also for payments voided before the void wrote 0 to both).
    amountAllocated: formatMoney(row.status === "void" ? "0" : row.amountAllocated, row.currency),
    amountUnallocated: formatMoney(row.status === "void" ? "0" : row.amountUnallocated, row.currency),
    baseAmountUnallocated: formatMoney(unallocatedBase(row), baseCurrency),
    journalEntryId: row.journalEntryId,
    voidEntryId: row.voidEntryId,
    voidedAt: row.voidedAt?.toISOString() ?? null,
    voidedBy: row.voidedBy,
    voidReason: row.voidReason,
    allocations: allocationsInOrder.map((a) => ({
      id: a.id,
      document: { id: a.document.id, kind: a.document.kind === "bill" ? "bill" : "invoice", number: a.document.number, currency: a.document.currency },
      allocationDate: day(a.allocationDate),
      amount: formatMoney(a.amount, a.document.currency),
      paymentAmount: formatMoney(a.sourceAmount, row.currency),
      baseAmount: formatMoney(a.baseAmount, baseCurrency),
      baseDifference: formatMoney(a.baseDifference, baseCurrency),
      fxEntryId: a.fxEntryId,
      voidedAt: a.voidedAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
    })),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
