/** The errors of invoices and bills (and of settling them, which payments and credit notes share). */
import { conflict, invalidState, unprocessable } from "@erp/errors";
import { minorUnits } from "@erp/money";
import type { DocumentKind } from "./document-kinds";

export const ALLOCATION_EXCEEDS_DUE = "ALLOCATION_EXCEEDS_DUE";
export const AMOUNT_PRECISION = "AMOUNT_PRECISION";
export const UNKNOWN_DOCUMENT = "UNKNOWN_DOCUMENT";
export const EXCHANGE_RATE_MISSING = "EXCHANGE_RATE_MISSING";
export const UNKNOWN_DOCUMENT_ACCOUNT = "UNKNOWN_DOCUMENT_ACCOUNT";
export const INVALID_DOCUMENT_ACCOUNT = "INVALID_DOCUMENT_ACCOUNT";
export const DEFAULT_ACCOUNT_MISSING = "DEFAULT_ACCOUNT_MISSING";
export const SUPPLIER_INVOICE_NUMBER_TAKEN = "SUPPLIER_INVOICE_NUMBER_TAKEN";

const nouns: Record<DocumentKind, string> = { invoice: "invoice", credit_note: "credit note", bill: "bill" };

/** 422 ALLOCATION_EXCEEDS_DUE naming `path`: more than the document's amount due (`due`, in its currency). */
export const allocationExceedsDue = (kind: DocumentKind, number: string | null, due: string, currency: string, path: string) =>
  unprocessable(ALLOCATION_EXCEEDS_DUE, `The amount is more than what is due on ${nouns[kind]} ${number ?? ""} (${due} ${currency})`, [
    { path, message: `At most ${due} ${currency} is due` },
  ]);

/** 422 AMOUNT_PRECISION naming `path`: more decimals than `currency` has. */
export const amountPrecision = (currency: string, path: string) =>
  unprocessable(AMOUNT_PRECISION, `Amounts in ${currency} have at most ${minorUnits(currency)} decimals`, [
    { path, message: `At most ${minorUnits(currency)} decimals` },
  ]);

/** 422 UNKNOWN_DOCUMENT naming `path`: no such document in the organization. */
export const unknownDocument = (path: string) => unprocessable(UNKNOWN_DOCUMENT, "No such document", [{ path, message: "No such document" }]);

/** 409 INVALID_STATE: the document is not in a state that takes this (`what`). */
export const documentNotIn = (kind: DocumentKind, number: string | null, status: string, what: string) =>
  invalidState(`The ${nouns[kind]}${number ? ` ${number}` : ""} is ${status}: ${what}`);

/** 422 EXCHANGE_RATE_MISSING naming `path`: no rate given and none in the organization's table on `date`. */
export const exchangeRateMissing = (currency: string, baseCurrency: string, date: string, path: string) =>
  unprocessable(EXCHANGE_RATE_MISSING, `No ${currency}/${baseCurrency} exchange rate on or before ${date}: give exchangeRate or add one to the rates table`, [
    { path, message: `Required: no ${currency} rate on ${date}` },
  ]);

/** 422 UNKNOWN_DOCUMENT_ACCOUNT naming `path`. */
export const unknownDocumentAccount = (path: string) => unprocessable(UNKNOWN_DOCUMENT_ACCOUNT, "No such account", [{ path, message: "No such account" }]);

/** 422 INVALID_DOCUMENT_ACCOUNT naming `path`: a group, archived, or of a type the line cannot post to (`why`). */
export const invalidDocumentAccount = (code: string, why: string, path: string) =>
  unprocessable(INVALID_DOCUMENT_ACCOUNT, `Account ${code} ${why}`, [{ path, message: why }]);

/** 422 DEFAULT_ACCOUNT_MISSING naming `path`: no account given and the chart has no active posting account of `subtype`. */
export const defaultAccountMissing = (subtype: string, path: string) =>
  unprocessable(DEFAULT_ACCOUNT_MISSING, `The chart has no active posting account of subtype ${subtype}`, [
    { path, message: `Needs an account of subtype ${subtype}` },
  ]);

/** 409 SUPPLIER_INVOICE_NUMBER_TAKEN: a supplier's own invoice number is entered once per supplier. */
export const supplierInvoiceNumberTaken = (value: string) =>
  conflict(`Another bill of this supplier has invoice number ${value}`, SUPPLIER_INVOICE_NUMBER_TAKEN, [
    { path: "supplierInvoiceNumber", message: "Taken by another bill of the supplier" },
  ]);

export const UNIT_PRICE_REQUIRED = "UNIT_PRICE_REQUIRED";
export const NOTHING_TO_POST = "NOTHING_TO_POST";
export const INVALID_EXCHANGE_RATE = "INVALID_EXCHANGE_RATE";

/** 422 UNIT_PRICE_REQUIRED naming `path`: the product has no price (or cost) in the document's currency to default to. */
export const unitPriceRequired = (sku: string, what: string, currency: string, path: string) =>
  unprocessable(UNIT_PRICE_REQUIRED, `The product ${sku} has no ${what} in ${currency}: give unitPrice`, [{ path, message: `Required: no ${what} in ${currency}` }]);

/** 422 NOTHING_TO_POST: a document whose total is 0 has no entry to post. */
export const nothingToPost = () => unprocessable(NOTHING_TO_POST, "The total is 0: there is nothing to post", [{ path: "lines", message: "The total must be greater than 0" }]);

/** 422 INVALID_EXCHANGE_RATE naming `exchangeRate`: a document in the base currency is at rate 1. */
export const baseCurrencyRate = (baseCurrency: string) =>
  unprocessable(INVALID_EXCHANGE_RATE, `The document is in the base currency ${baseCurrency}: its rate is 1`, [{ path: "exchangeRate", message: "Must be 1 (or left out) for the base currency" }]);
