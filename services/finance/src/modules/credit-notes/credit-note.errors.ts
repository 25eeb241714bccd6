/** The credit notes' errors (settling shares documents/document.errors.ts: ALLOCATION_EXCEEDS_DUE, UNKNOWN_DOCUMENT, AMOUNT_PRECISION). */
import { unprocessable } from "@erp/errors";

export const UNKNOWN_INVOICE_LINE = "UNKNOWN_INVOICE_LINE";
export const CREDIT_EXCEEDS_INVOICED = "CREDIT_EXCEEDS_INVOICED";
export const NOTHING_TO_CREDIT = "NOTHING_TO_CREDIT";
export const CREDIT_NOTE_BEFORE_INVOICE = "CREDIT_NOTE_BEFORE_INVOICE";
export const CREDIT_EXCEEDS_UNAPPLIED = "CREDIT_EXCEEDS_UNAPPLIED";
export const DOCUMENT_NOT_CREDITABLE = "DOCUMENT_NOT_CREDITABLE";

/** 422 UNKNOWN_INVOICE_LINE naming `lines.<n>.invoiceLineId`: not a line of this invoice. */
export const unknownInvoiceLine = (index: number) =>
  unprocessable(UNKNOWN_INVOICE_LINE, "The line is not a line of this invoice", [{ path: `lines.${index}.invoiceLineId`, message: "Not a line of this invoice" }]);

/** 422 CREDIT_EXCEEDS_INVOICED naming `lines.<n>.quantity`: more than the line's quantity not yet credited (`left`). */
export const creditExceedsInvoiced = (index: number, left: string) =>
  unprocessable(CREDIT_EXCEEDS_INVOICED, `The quantity is more than what is invoiced and not yet credited on the line (${left})`, [
    { path: `lines.${index}.quantity`, message: `At most ${left} is left to credit` },
  ]);

/** 422 NOTHING_TO_CREDIT: every line is credited already, or the credited quantities come to nothing. */
export const nothingToCredit = (path: string) =>
  unprocessable(NOTHING_TO_CREDIT, "Nothing is left to credit: the credit note would be zero", [{ path, message: "Nothing left to credit" }]);

/** 422 CREDIT_NOTE_BEFORE_INVOICE naming issueDate. */
export const creditNoteBeforeInvoice = (invoiceDate: string) =>
  unprocessable(CREDIT_NOTE_BEFORE_INVOICE, `A credit note is dated on or after its invoice (${invoiceDate})`, [
    { path: "issueDate", message: `On or after ${invoiceDate}` },
  ]);

/** 422 CREDIT_EXCEEDS_UNAPPLIED naming `allocations.<n>.amount`: more than the credit note has left (`left`, in its currency). */
export const creditExceedsUnapplied = (index: number, left: string, currency: string) =>
  unprocessable(CREDIT_EXCEEDS_UNAPPLIED, `The allocations are more than the credit note's unapplied ${left} ${currency}`, [
    { path: `allocations.${index}.amount`, message: `The credit note has ${left} ${currency} left` },
  ]);

/** 422 DOCUMENT_NOT_CREDITABLE naming `allocations.<n>.documentId`: not an invoice of the credit note's customer in its currency (`why`). */
export const documentNotCreditable = (index: number, why: string) =>
  unprocessable(DOCUMENT_NOT_CREDITABLE, `The credit cannot go to this document: ${why}`, [{ path: `allocations.${index}.documentId`, message: why }]);

export const CREDIT_ALLOCATION_CODES = [DOCUMENT_NOT_CREDITABLE, CREDIT_EXCEEDS_UNAPPLIED];
