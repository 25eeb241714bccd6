/** The payments' errors: each business rule a 422 with its code and the request field it concerns. */
import { invalidState, unprocessable } from "@erp/errors";
import { ALLOCATION_EXCEEDS_DUE, AMOUNT_PRECISION, DEFAULT_ACCOUNT_MISSING, EXCHANGE_RATE_MISSING, UNKNOWN_DOCUMENT } from "../documents/document.errors";

export const UNKNOWN_ACCOUNT = "UNKNOWN_ACCOUNT";
export const INVALID_PAYMENT_ACCOUNT = "INVALID_PAYMENT_ACCOUNT";
export const INVALID_EXCHANGE_RATE = "INVALID_EXCHANGE_RATE";
export const DOCUMENT_NOT_ALLOCATABLE = "DOCUMENT_NOT_ALLOCATABLE";
export const ALLOCATION_EXCEEDS_PAYMENT = "ALLOCATION_EXCEEDS_PAYMENT";
export const ALLOCATION_DATE_BEFORE_PAYMENT = "ALLOCATION_DATE_BEFORE_PAYMENT";
export const INVALID_PAYMENT_AMOUNT = "INVALID_PAYMENT_AMOUNT";

/**
 * Every 422 code an allocation may answer with (POST /payments and POST /payments/{id}/allocations);
 * the documents' own rules (unknown, amount due, decimals, rates) are the documents module's codes.
 */
export const ALLOCATION_CODES = [
  UNKNOWN_DOCUMENT,
  DOCUMENT_NOT_ALLOCATABLE,
  ALLOCATION_EXCEEDS_DUE,
  ALLOCATION_EXCEEDS_PAYMENT,
  AMOUNT_PRECISION,
  INVALID_PAYMENT_AMOUNT,
  EXCHANGE_RATE_MISSING,
  DEFAULT_ACCOUNT_MISSING,
] as const;

/** 422 UNKNOWN_ACCOUNT naming `path` (accountId): no such account in the organization. */
export const unknownAccount = (path = "accountId") => unprocessable(UNKNOWN_ACCOUNT, "The account does not exist", [{ path, message: "No such account" }]);

/** 422 INVALID_PAYMENT_ACCOUNT naming `path` (accountId): a group, archived, not bank or cash, or in another currency (`why`). */
export const invalidPaymentAccount = (code: string, why: string, path = "accountId") =>
  unprocessable(INVALID_PAYMENT_ACCOUNT, `Account ${code} ${why}: money moves through an active posting account of subtype bank or cash`, [
    { path, message: why },
  ]);

/** 422 INVALID_EXCHANGE_RATE naming exchangeRate: the base currency's rate is 1. */
export const baseCurrencyRate = (currency: string, path = "exchangeRate") =>
  unprocessable(INVALID_EXCHANGE_RATE, `${currency} is the base currency: its rate is 1`, [{ path, message: "The base currency's rate is 1" }]);

/** 422 DOCUMENT_NOT_ALLOCATABLE naming `path`: another party's, the wrong kind, or not open (`why`). */
export const documentNotAllocatable = (number: string, why: string, path: string) =>
  unprocessable(DOCUMENT_NOT_ALLOCATABLE, `Document ${number} ${why}`, [{ path, message: why }]);

/** 422 ALLOCATION_EXCEEDS_PAYMENT naming allocations.<n>.amount (or .paymentAmount when given): more than the payment has left. */
export const allocationExceedsPayment = (left: string, path: string) =>
  unprocessable(ALLOCATION_EXCEEDS_PAYMENT, `The allocations exceed the payment's unallocated amount (${left} left)`, [
    { path, message: `The payment has ${left} left` },
  ]);

/** 422 ALLOCATION_DATE_BEFORE_PAYMENT naming date. */
export const allocationBeforePayment = (paymentDate: string) =>
  unprocessable(ALLOCATION_DATE_BEFORE_PAYMENT, `Allocations are dated on or after the payment (${paymentDate})`, [
    { path: "date", message: `On or after ${paymentDate}` },
  ]);

/** 422 INVALID_PAYMENT_AMOUNT naming `path`: a paymentAmount other than the amount in one currency, or an amount that converts to 0 (`why`). */
export const invalidPaymentAmount = (why: string, path: string) => unprocessable(INVALID_PAYMENT_AMOUNT, why, [{ path, message: why }]);

/** 409 INVALID_STATE: the payment is void. */
export const paymentVoid = () => invalidState("The payment is void");
