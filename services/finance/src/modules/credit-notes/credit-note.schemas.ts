/** Request and response schemas of credit notes, and their DTO built on the documents' one. */
import { dateString } from "@erp/dates";
import { listQuery, z } from "@erp/http-kit";
import { decimalString, formatMoney } from "@erp/money";
import type { Allocation } from "../../generated/prisma/client";
import { documentLineDto, documentTaxesDto, type DocumentDto } from "../documents/document.schemas";
import { NOT_IN_FUTURE_RULE } from "../periods/not-in-future";
import { TAX_ROUNDING_RULE } from "../tax-rates/tax-calculation";

// document_lines.quantity numeric(18, 4); allocations' amounts numeric(20, 4).
const quantity = decimalString(4, "positive", "1", 18).describe("Greater than 0, at most 4 decimals, at most what is invoiced and not yet credited");
const money = decimalString(4, "positive", "50.00", 20);

/** A refinement of an array refusing two items with the same `field` (400 naming the second). */
function once<F extends string>(field: F, message: string) {
  return (items: Record<F, string>[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item[field])) ctx.addIssue({ code: "custom", message, path: [index, field] });
      seen.add(item[field]);
    });
  };
}

const EXAMPLE_IDS = { invoiceLine: "0193a1b2-0000-7000-8000-000000000601", invoice: "0193a1b2-0000-7000-8000-000000000402" };

export const CREDIT_RULES =
  "Each credited line mirrors its invoice line for the credited quantity, at the same unit price, discount and tax rate: " +
  "net and tax computed by the invoice's rule (round per line), except that crediting the last of a line's quantity takes exactly what is left of " +
  "its net and tax, so an invoice credited in parts is credited exactly its amounts. " +
  `${TAX_ROUNDING_RULE} ` +
  "The credit note (CN-<fiscal year>-<4 digits>, gap-free) posts the mirror of the invoice's entry at the invoice's rate: Dr each income account " +
  "(nets), Dr each tax rate's tax account (taxes), Cr receivable (the total, with the customer). It is applied at once to the invoice's amount due " +
  "(an allocation, status partially_paid or paid); what the invoice no longer owes stays as the credit note's unapplied amount: the customer's credit, " +
  "allocated later with POST /credit-notes/{id}/allocations.";

export const issueCreditNoteBody = z
  .object({
    issueDate: dateString.optional().describe(`On or after the invoice's issue date. ${NOT_IN_FUTURE_RULE} (the credit is applied to the invoice now; for an invoice issued ahead, its issue date). Default: today (UTC), or the invoice's issue date when that is later`),
    reason: z.string().trim().min(1).max(1000).optional().describe("Why the invoice is credited: printed and kept as the credit note's notes"),
    lines: z
      .array(
        z
          .object({
            invoiceLineId: z.uuid().describe("A line of the invoice"),
            quantity,
          })
          .strict(),
      )
      .min(1)
      .max(200)
      .superRefine(once("invoiceLineId", "Each invoice line is credited once per credit note"))
      .optional()
      .describe("The lines and quantities to credit. Default: every line's whole quantity not yet credited"),
  })
  .strict()
  .default({})
  .openapi({ example: { issueDate: "2026-11-20", reason: "One unit returned damaged", lines: [{ invoiceLineId: EXAMPLE_IDS.invoiceLine, quantity: "1" }] } });
export type IssueCreditNoteInput = z.infer<typeof issueCreditNoteBody>;

export const allocateCreditNoteBody = z
  .object({
    allocations: z
      .array(
        z
          .object({
            documentId: z.uuid().describe("An issued or partially paid invoice of the credit note's customer, in the credit note's currency"),
            amount: money.describe("In the invoice's (and credit note's) currency: at most the invoice's amount due, at the currency's minor unit"),
          })
          .strict(),
      )
      .min(1)
      .max(100)
      .superRefine(once("documentId", "The document is allocated once per request")),
  })
  .strict()
  .openapi({ example: { allocations: [{ documentId: EXAMPLE_IDS.invoice, amount: "50.00" }] } });
export type AllocateCreditNoteInput = z.infer<typeof allocateCreditNoteBody>;

export const creditNoteIdParams = z.object({ id: z.uuid() });

export const creditNoteListQuery = listQuery({
  sortable: ["issueDate", "total", "createdAt"],
  defaultSort: "-issueDate",
  filters: {
    status: z.enum(["issued", "paid"]).optional().describe("issued: some credit is unapplied; paid: all of it is applied"),
    customerId: z.uuid().optional(),
    from: dateString.optional().describe("Issued on or after"),
    to: dateString.optional().describe("Issued on or before"),
  },
});
export type CreditNoteListQuery = z.infer<typeof creditNoteListQuery>;

const allocationDto = z.object({
  id: z.uuid(),
  documentId: z.uuid(),
  documentNumber: z.string().nullable(),
  allocationDate: z.string(),
  amount: z.string().describe("In the credit note's currency"),
  baseAmount: z.string().describe("What the allocation removed from the invoice's base amount due"),
  baseDifference: z.string().describe("The exchange difference posted when the invoice's rate differs from the credit note's (positive: a gain)"),
  createdAt: z.string(),
});

export const creditNoteDto = z
  .object({
    id: z.uuid(),
    status: z.enum(["issued", "paid"]).describe("paid once the whole credit is applied"),
    number: z.string().describe("CN-<fiscal year>-<4 digits>, gap-free per fiscal year"),
    invoiceId: z.uuid(),
    invoiceNumber: z.string(),
    customerId: z.uuid(),
    partyName: z.string(),
    issueDate: z.string(),
    currency: z.string(),
    exchangeRate: z.string().describe("The invoice's rate"),
    reason: z.string().nullable(),
    lines: z.array(documentLineDto.omit({ creditedQuantity: true }).extend({ invoiceLineId: z.uuid().describe("The invoice line it credits") })),
    subtotal: z.string(),
    taxes: documentTaxesDto,
    taxTotal: z.string(),
    total: z.string(),
    amountApplied: z.string().describe("Allocated to invoices so far"),
    amountUnapplied: z.string().describe("The customer's credit still to allocate"),
    baseTotal: z.string(),
    baseAmountUnapplied: z.string(),
    journalEntryId: z.uuid(),
    allocations: z.array(allocationDto),
    issuedAt: z.string(),
    issuedBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe(`Amounts are decimal strings with exactly the currency's minor units. ${CREDIT_RULES}`);
export type CreditNoteDto = z.infer<typeof creditNoteDto>;

/** An allocation of the credit note, with the number of the invoice it went to. */
export type CreditAllocationRow = Allocation & { document: { number: string | null } };

/** The document DTO of a credit note (`toDocumentDto`), in the credit note's words, with its allocations. */
export function toCreditNoteDto(
  dto: DocumentDto,
  extra: { invoiceNumber: string; baseCurrency: string; allocations: CreditAllocationRow[] },
): CreditNoteDto {
  return {
    id: dto.id,
    status: dto.status === "paid" ? "paid" : "issued",
    number: dto.number!,
    invoiceId: dto.creditedDocumentId!,
    invoiceNumber: extra.invoiceNumber,
    customerId: dto.partyId,
    partyName: dto.partyName,
    issueDate: dto.issueDate,
    currency: dto.currency,
    exchangeRate: dto.exchangeRate!,
    reason: dto.notes,
    lines: dto.lines.map(({ creditedLineId, creditedQuantity: _credited, ...line }) => ({ ...line, invoiceLineId: creditedLineId! })),
    subtotal: dto.subtotal,
    taxes: dto.taxes,
    taxTotal: dto.taxTotal,
    total: dto.total,
    amountApplied: dto.amountCredited,
    amountUnapplied: dto.amountDue,
    baseTotal: dto.baseTotal!,
    baseAmountUnapplied: dto.baseAmountDue!,
    journalEntryId: dto.journalEntryId!,
    allocations: extra.allocations.map((allocation) => ({
      id: allocation.id,
      documentId: allocation.documentId,
      documentNumber: allocation.document.number,
      allocationDate: allocation.allocationDate.toISOString().slice(0, 10),
      amount: formatMoney(allocation.amount, dto.currency),
      baseAmount: formatMoney(allocation.baseAmount, extra.baseCurrency),
      baseDifference: formatMoney(allocation.baseDifference, extra.baseCurrency),
      createdAt: allocation.createdAt.toISOString(),
    })),
    issuedAt: dto.issuedAt!,
    issuedBy: dto.issuedBy,
    createdAt: dto.createdAt,
    updatedAt: dto.updatedAt,
  };
}
