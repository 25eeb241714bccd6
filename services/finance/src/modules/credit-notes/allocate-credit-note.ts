/**
 * Allocating a credit note's unapplied credit to other open invoices of its customer, in its
 * currency. The credit note and the invoices are locked together in id order (the lock order
 * payments follow too), so concurrent allocations of one credit or to one invoice queue and never
 * take more than is left.
 */
import { notFound } from "@erp/errors";
import { Decimal, formatMoney, minorUnits } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { amountPrecision, documentNotIn } from "../documents/document.errors";
import { lockDocumentsForSettlement } from "../documents/settlement";
import { today } from "../documents/document.schemas";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { applyCredit } from "./apply-credit";
import { creditExceedsUnapplied, documentNotCreditable } from "./credit-note.errors";
import type { AllocateCreditNoteInput, CreditNoteDto } from "./credit-note.schemas";
import { getCreditNote } from "./get-credit-note";

/**
 * @throws AppError 404 NOT_FOUND (no such credit note); 422 DOCUMENT_NOT_CREDITABLE (not an invoice of the customer in the currency),
 *   CREDIT_EXCEEDS_UNAPPLIED, AMOUNT_PRECISION, ALLOCATION_EXCEEDS_DUE (naming `allocations.<n>.…`); 409 INVALID_STATE (an invoice not open)
 */
export async function allocateCreditNote(tx: Tx, scope: Scope, input: { id: string } & AllocateCreditNoteInput): Promise<CreditNoteDto> {
  const locked = await lockDocumentsForSettlement(tx, scope, [input.id, ...input.allocations.map((allocation) => allocation.documentId)]);
  const creditNote = locked.get(input.id);
  if (!creditNote || creditNote.kind !== "credit_note") throw notFound("Credit note");
  const scale = minorUnits(creditNote.currency);
  let left = creditNote.amountDue;
  input.allocations.forEach((allocation, index) => {
    const invoice = locked.get(allocation.documentId);
    if (!invoice || invoice.kind !== "invoice") throw documentNotCreditable(index, "not an invoice of the organization");
    if (invoice.partyId !== creditNote.partyId) throw documentNotCreditable(index, "an invoice of another customer");
    if (invoice.currency !== creditNote.currency) throw documentNotCreditable(index, `an invoice in ${invoice.currency}, the credit is in ${creditNote.currency}`);
    if (!["issued", "partially_paid"].includes(invoice.status)) throw documentNotIn("invoice", invoice.number, invoice.status, "only an open invoice takes a credit");
    const amount = new Decimal(allocation.amount);
    if (!amount.toDecimalPlaces(scale).eq(amount)) throw amountPrecision(creditNote.currency, `allocations.${index}.amount`);
    if (amount.gt(left)) throw creditExceedsUnapplied(index, formatMoney(creditNote.amountDue, creditNote.currency), creditNote.currency);
    left = left.minus(amount);
  });

  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  for (const [index, allocation] of input.allocations.entries()) {
    // Dated today, never before either document.
    const date = [today(), creditNote.issueDate, locked.get(allocation.documentId)!.issueDate].sort().at(-1)!;
    await applyCredit(tx, scope, {
      creditNoteId: creditNote.id,
      invoiceId: allocation.documentId,
      amount: new Decimal(allocation.amount),
      date,
      baseCurrency,
      path: `allocations.${index}.amount`,
    });
  }
  return getCreditNote(tx, scope, { id: creditNote.id });
}
