/**
 * Events of the finance service's general ledger (topic erp.finance): the chart of accounts, posted
 * journal entries and their reversals, and the lock date. Amounts are decimal strings in the
 * currency beside them, never JSON numbers; base amounts are in the organization's base currency.
 */
import { z } from "zod";
import { defineEvent } from "@erp/events";

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const currency = z.string().length(3);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const accountSnapshot = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(["asset", "liability", "equity", "income", "expense"]),
  subtype: z.string().nullable(),
  isGroup: z.boolean(),
  parentId: z.string().uuid().nullable(),
  currency: currency.nullable(),
  status: z.enum(["active", "archived"]),
});

export const accountCreated = defineEvent("finance.account.created", 1, accountSnapshot);
export const accountUpdated = defineEvent(
  "finance.account.updated",
  1,
  accountSnapshot.extend({ changedFields: z.array(z.string()).min(1) }),
);
/** Archived, or (`status: "active"`) restored from the archive. */
export const accountArchived = defineEvent("finance.account.archived", 1, accountSnapshot.extend({ status: z.literal("archived") }));
export const accountRestored = defineEvent("finance.account.restored", 1, accountSnapshot.extend({ status: z.literal("active") }));
/** An account that never had a posting, deleted. */
export const accountDeleted = defineEvent("finance.account.deleted", 1, z.object({ code: z.string() }));

const entryLine = z.object({
  lineNumber: z.number().int(),
  accountId: z.string().uuid(),
  accountCode: z.string(),
  description: z.string().nullable(),
  debit: decimal,
  credit: decimal,
  currency,
  exchangeRate: decimal,
  baseDebit: decimal,
  baseCredit: decimal,
  party: z.object({ type: z.enum(["customer", "supplier", "employee"]), id: z.string().uuid() }).nullable(),
  isRounding: z.boolean(),
});

/**
 * A journal entry entered the ledger: its number (gap-free per organization and fiscal year), its
 * lines in transaction and base currency, the base totals (always equal), where it came from, the
 * entry it reverses (if it is a reversal), and its place in the organization's hash chain.
 */
export const journalEntryPosted = defineEvent(
  "finance.journal_entry.posted",
  1,
  z.object({
    number: z.string(),
    fiscalYear: z.number().int(),
    entryDate: date,
    memo: z.string().nullable(),
    reference: z.string().nullable(),
    source: z.object({ type: z.string(), id: z.string() }).nullable(),
    reversalOfEntryId: z.string().uuid().nullable(),
    baseCurrency: currency,
    totals: z.object({ baseDebit: decimal, baseCredit: decimal }),
    lines: z.array(entryLine).min(2),
    hash: z.string().length(64),
    postedAt: z.string(),
  }),
);

/** A posted entry was undone by a new posted entry with every line swapped (aggregate: the original). */
export const journalEntryReversed = defineEvent(
  "finance.journal_entry.reversed",
  1,
  z.object({
    number: z.string(),
    reversalEntryId: z.string().uuid(),
    reversalNumber: z.string(),
    reversalDate: date,
  }),
);

/** The lock date moved forward: nothing on or before `lockedThrough` can be posted or reversed. */
export const periodLocked = defineEvent(
  "finance.period.locked",
  1,
  z.object({ lockedThrough: date, previousLockedThrough: date.nullable() }),
);

/** The lock date moved back (or was lifted: null), by someone allowed to, for the reason given. */
export const periodUnlocked = defineEvent(
  "finance.period.unlocked",
  1,
  z.object({ lockedThrough: date.nullable(), previousLockedThrough: date.nullable(), reason: z.string() }),
);

/*
 * Finance part 2: invoices, credit notes, bills and payments. The aggregate is the document (or
 * payment); every amount is a decimal string in `currency` (the document's), base amounts in
 * `baseCurrency` at `exchangeRate` (base currency per one unit of `currency`).
 */

const documentAmounts = {
  number: z.string(),
  partyId: z.string().uuid(),
  issueDate: date,
  dueDate: date,
  currency,
  subtotal: decimal,
  taxTotal: decimal,
  total: decimal,
  amountDue: decimal,
  exchangeRate: decimal,
  baseCurrency: currency,
  baseTotal: decimal,
  journalEntryId: z.string().uuid(),
};

/** A customer invoice was issued: numbered (`INV-2026-0001`) and posted (receivable debit, income and tax credits). `partyId`: the customer. */
export const invoiceIssued = defineEvent("finance.invoice.issued", 1, z.object(documentAmounts));

/** A supplier bill was approved: numbered (`BILL-2026-0001`) and posted (payable credit). `partyId`: the supplier. */
export const billApproved = defineEvent(
  "finance.bill.approved",
  1,
  z.object({ ...documentAmounts, supplierInvoiceNumber: z.string().nullable() }),
);

const documentVoided = z.object({
  number: z.string(),
  partyId: z.string().uuid(),
  currency,
  total: decimal,
  reason: z.string().nullable(),
  /** The entry that reversed the document's posting. */
  reversalEntryId: z.string().uuid(),
});

/** An issued invoice with nothing allocated to it was voided: its entry reversed. */
export const invoiceVoided = defineEvent("finance.invoice.voided", 1, documentVoided);
/** An approved bill with nothing allocated to it was voided: its entry reversed. */
export const billVoided = defineEvent("finance.bill.voided", 1, documentVoided);

const documentPaid = z.object({
  number: z.string(),
  partyId: z.string().uuid(),
  currency,
  total: decimal,
  /** Settled by payments and by credit notes; together they are `total`. */
  amountPaid: decimal,
  amountCredited: decimal,
  /** The date of the allocation that settled the last of it. */
  paidOn: date,
});

/** An invoice's amount due reached zero (payments and credit notes allocated to it). */
export const invoicePaid = defineEvent("finance.invoice.paid", 1, documentPaid);
/** A bill's amount due reached zero. */
export const billPaid = defineEvent("finance.bill.paid", 1, documentPaid);

/**
 * A credit note was issued against an invoice (`CN-2026-0001`) and posted (the reverse of the
 * credited lines); `amountApplied` went to the invoice's amount due at once, `amountUnapplied`
 * stays as the customer's credit to allocate.
 */
export const creditNoteIssued = defineEvent(
  "finance.credit_note.issued",
  1,
  z.object({
    ...documentAmounts,
    invoiceId: z.string().uuid(),
    invoiceNumber: z.string(),
    amountApplied: decimal,
    amountUnapplied: decimal,
  }),
);

const paymentRecorded = z.object({
  number: z.string(),
  partyId: z.string().uuid(),
  paymentDate: date,
  amount: decimal,
  currency,
  exchangeRate: decimal,
  baseCurrency: currency,
  baseAmount: decimal,
  /** The bank or cash account the money went through. */
  accountId: z.string().uuid(),
  reference: z.string().nullable(),
  allocations: z.array(
    z.object({
      documentId: z.string().uuid(),
      documentNumber: z.string(),
      /** In the document's currency, and in the payment's. */
      amount: decimal,
      sourceAmount: decimal,
    }),
  ),
  amountUnallocated: decimal,
  journalEntryId: z.string().uuid(),
});

/** Money received from a customer (`partyId`), posted; its allocations to invoices at the time. */
export const paymentReceived = defineEvent("finance.payment.received", 1, paymentRecorded);
/** Money paid to a supplier (`partyId`), posted; its allocations to bills at the time. */
export const paymentMade = defineEvent("finance.payment.made", 1, paymentRecorded);

/** A payment was voided: its entry reversed and its allocations undone (the documents are due again). */
export const paymentVoided = defineEvent(
  "finance.payment.voided",
  1,
  z.object({
    number: z.string(),
    direction: z.enum(["received", "made"]),
    partyId: z.string().uuid(),
    amount: decimal,
    currency,
    reason: z.string().nullable(),
    reversalEntryId: z.string().uuid(),
    /** The documents whose allocations were undone. */
    documentIds: z.array(z.string().uuid()),
  }),
);

/**
 * An exchange rate as finance keeps it: `rate` units of `baseCurrency` (the organization's base
 * currency) per one unit of `currency`, from `effectiveDate` until the currency's next rate.
 * Aggregate: the rate's id; a currency has one rate per effective date.
 */
const exchangeRate = z.object({ currency, baseCurrency: currency, effectiveDate: date, rate: decimal });

/** A rate was recorded. */
export const exchangeRateRecorded = defineEvent("finance.exchange_rate.recorded", 1, exchangeRate);
/** A rate was corrected (entries already posted keep theirs); `rate` is the new one. */
export const exchangeRateUpdated = defineEvent("finance.exchange_rate.updated", 1, exchangeRate.extend({ previousRate: decimal }));
/** A rate was deleted (`rate` is the one it had): the currency's previous rate applies from `effectiveDate` on. */
export const exchangeRateDeleted = defineEvent("finance.exchange_rate.deleted", 1, exchangeRate);

/**
 * Finance part 3: an expense (money paid out that is not a supplier bill) or other revenue (money
 * received that is not an invoice's), paid from or into a bank or cash account. Aggregate: the
 * expense (revenue); `amount` is what the bank or cash account moved (net + tax), in `currency`.
 */
const cashTransactionRecorded = z.object({
  number: z.string(),
  date,
  counterparty: z.string().nullable(),
  partyId: z.string().uuid().nullable(),
  accountId: z.string().uuid(),
  bankAccountId: z.string().uuid(),
  netAmount: decimal,
  taxAmount: decimal,
  taxRateId: z.string().uuid().nullable(),
  amount: decimal,
  currency,
  exchangeRate: decimal,
  baseCurrency: currency,
  baseAmount: decimal,
  reference: z.string().nullable(),
  journalEntryId: z.string().uuid(),
});
const cashTransactionVoided = z.object({ number: z.string(), amount: decimal, currency, reason: z.string(), reversalEntryId: z.string().uuid() });

/** An expense was recorded and posted (debit expense and input tax, credit bank or cash). */
export const expenseRecorded = defineEvent("finance.expense.recorded", 1, cashTransactionRecorded);
/** An expense was voided: its entry reversed. */
export const expenseVoided = defineEvent("finance.expense.voided", 1, cashTransactionVoided);
/** Other revenue was recorded and posted (debit bank or cash, credit income and output tax). */
export const revenueRecorded = defineEvent("finance.revenue.recorded", 1, cashTransactionRecorded);
/** Other revenue was voided: its entry reversed. */
export const revenueVoided = defineEvent("finance.revenue.voided", 1, cashTransactionVoided);

/**
 * A bank or cash account was created with its ledger posting account (`accountId`) and, when
 * `openingBalance` is not zero, its opening entry. The number is never in the event (masked or not).
 */
export const bankAccountCreated = defineEvent(
  "finance.bank_account.created",
  1,
  z.object({
    name: z.string(),
    bankName: z.string().nullable(),
    currency,
    accountId: z.string().uuid(),
    accountCode: z.string(),
    openingBalance: decimal,
    openingDate: date.nullable(),
    openingEntryId: z.string().uuid().nullable(),
  }),
);

/** Money moved between two bank accounts, posted as one entry (fee and exchange difference included). */
export const bankTransferPosted = defineEvent(
  "finance.bank_transfer.posted",
  1,
  z.object({
    number: z.string(),
    transferDate: date,
    fromBankAccountId: z.string().uuid(),
    toBankAccountId: z.string().uuid(),
    amount: decimal,
    currency,
    toAmount: decimal,
    toCurrency: currency,
    feeAmount: decimal,
    journalEntryId: z.string().uuid(),
  }),
);

/** A bank statement was imported for a bank account (aggregate: the statement). */
export const statementImported = defineEvent(
  "finance.statement.imported",
  1,
  z.object({
    bankAccountId: z.string().uuid(),
    fromDate: date,
    toDate: date,
    openingBalance: decimal,
    closingBalance: decimal,
    currency,
    lineCount: z.number().int(),
  }),
);

/** Statement lines were reconciled with ledger lines of the bank account (aggregate: the bank account). */
export const reconciliationMatched = defineEvent(
  "finance.reconciliation.matched",
  1,
  z.object({
    matches: z.array(z.object({ statementLineId: z.string().uuid(), journalLineId: z.string().uuid(), journalEntryId: z.string().uuid(), amount: decimal })),
  }),
);

/**
 * The organization's books are opened: its first journal entry was posted, in base currency
 * `baseCurrency`. Published once per organization, in the transaction that posts that entry (the
 * aggregate is the organization). From then on the base currency cannot change: the tenant service
 * refuses it (409 BASE_CURRENCY_LOCKED).
 */
export const ledgerOpened = defineEvent(
  "finance.ledger.opened",
  1,
  z.object({
    baseCurrency: currency,
    firstEntryNumber: z.string(),
    openedAt: z.iso.datetime(),
  }),
);

const reimbursementFigures = {
  number: z.string(),
  claimantId: z.string().uuid(),
  netAmount: decimal,
  taxAmount: decimal,
  total: decimal,
  currency,
};

/** A reimbursement claim was submitted by its claimant (numbered RMB-<fiscal year>-0001). */
export const reimbursementSubmitted = defineEvent("finance.reimbursement.submitted", 1, z.object(reimbursementFigures));

/** A reimbursement claim was approved and posted: expense and tax debit, employee payable credit (the claimant as party). */
export const reimbursementApproved = defineEvent(
  "finance.reimbursement.approved",
  1,
  z.object({ ...reimbursementFigures, exchangeRate: decimal, baseTotal: decimal, date, journalEntryId: z.string().uuid() }),
);

/** A submitted reimbursement claim was rejected, with the reason. */
export const reimbursementRejected = defineEvent("finance.reimbursement.rejected", 1, z.object({ ...reimbursementFigures, reason: z.string() }));

/** An approved reimbursement claim was paid to the claimant: employee payable debit, bank or cash credit. */
export const reimbursementPaid = defineEvent(
  "finance.reimbursement.paid",
  1,
  z.object({ ...reimbursementFigures, bankAccountId: z.string().uuid(), date, journalEntryId: z.string().uuid() }),
);
