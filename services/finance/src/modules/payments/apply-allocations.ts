/**
 * Allocating a payment to documents, inside the caller's transaction (recording a payment, or
 * allocating its unallocated part later): every check, the exchange difference and its entry, the
 * allocation rows, the documents' settlement and the payment's amounts. The caller holds the
 * payment row and the documents locked (payment first, documents in id order), so what it reads
 * here cannot change until it commits: a concurrent allocation of the same document waits and then
 * sees what this one left.
 */
import { uuidv7 } from "@erp/db";
import { Decimal, formatMoney, minorUnits } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { Payment } from "../../generated/prisma/client";
import { accountRepository } from "../accounts/account.repository";
import { amountPrecision, defaultAccountMissing, exchangeRateMissing, unknownDocument } from "../documents/document.errors";
import { applySettlement, type SettlementDocument } from "../documents/settlement";
import { journalRepository } from "../journal/journal.repository";
import { baseAmount } from "../journal/ledger-rules";
import { postEntryOnce } from "../journal/post-entry";
import { dayOf } from "../journal/journal.schemas";
import { allocationExceedsPayment, documentNotAllocatable, invalidPaymentAmount } from "./payment.errors";
import { paymentRepository } from "./payment.repository";
import { paymentSideBase, type AllocationInput, type PaymentDirection } from "./payment.schemas";

export interface AllocationContext {
  payment: Payment;
  /** The payment's live allocations so far, to know the base amount it has left. */
  previous: { baseAmount: Decimal; baseDifference: Decimal }[];
  /** The receivable (payable) account of the payment's entry: where exchange differences go. */
  partyAccountId: string;
  /** The documents named, locked (read before any allocation; a request names each document once). */
  documents: Map<string, SettlementDocument>;
  /** The allocations' date before the documents' issue dates are taken into account. */
  date: string;
  baseCurrency: string;
}

const OPEN = new Set(["issued", "approved", "partially_paid", "paid"]);

/** A decimal has at most `currency`'s minor units. @throws AppError 422 AMOUNT_PRECISION naming `path` */
export function checkPrecision(value: string | Decimal, currency: string, path: string): Decimal {
  const amount = new Decimal(value);
  if (amount.decimalPlaces() > minorUnits(currency)) throw amountPrecision(currency, path);
  return amount;
}

/** Why `document` cannot take an allocation of `payment`, or undefined when it can. */
function allocationProblem(payment: Payment, document: SettlementDocument): string | undefined {
  const kind = payment.direction === "received" ? "invoice" : "bill";
  if (document.kind !== kind) return `is not ${kind === "invoice" ? "an invoice" : "a bill"}: payments ${payment.direction} settle ${kind}s`;
  if (document.partyId !== payment.partyId) return `is another ${payment.partyType}'s`;
  if (!OPEN.has(document.status)) return `is ${document.status}: only issued${kind === "bill" ? " (approved)" : ""} documents are settled`;
  return undefined;
}

/**
 * Allocates `items` (in their order) and updates the payment's amounts.
 * @throws AppError 422 UNKNOWN_DOCUMENT, DOCUMENT_NOT_ALLOCATABLE, AMOUNT_PRECISION,
 *   ALLOCATION_EXCEEDS_DUE, ALLOCATION_EXCEEDS_PAYMENT, EXCHANGE_RATE_MISSING, INVALID_PAYMENT_AMOUNT,
 *   DEFAULT_ACCOUNT_MISSING (no exchange gain/loss account for a difference), each naming allocations.<n>.<field>; the
 *   posting rules' 422 (PERIOD_LOCKED) for an exchange difference's entry
 */
export async function applyAllocations(tx: Tx, scope: Scope, context: AllocationContext, items: AllocationInput[]): Promise<void> {
  const { organizationId } = scope;
  const { payment, baseCurrency } = context;
  const repository = paymentRepository(tx);
  const direction: PaymentDirection = payment.direction;
  let unallocated = payment.amountUnallocated;
  let unallocatedBase = context.previous.reduce((left, a) => left.minus(paymentSideBase(direction, a)), payment.baseAmount);
  const paymentDay = payment.paymentDate.toISOString().slice(0, 10);
  let fxAccountId: string | undefined;

  for (const [index, item] of items.entries()) {
    const path = (field: string) => `allocations.${index}.${field}`;
    const document = context.documents.get(item.documentId);
    if (!document) throw unknownDocument(path("documentId"));
    const problem = allocationProblem(payment, document);
    if (problem) throw documentNotAllocatable(document.number ?? document.id, problem, path("documentId"));

    const sourceAmount = await paymentAmountOf(tx, scope, { item, document, payment, paymentDay, baseCurrency, path });
    const date = document.issueDate > context.date ? document.issueDate : context.date;
    // The document's side first (amount due, precision, its base: all that is left of it when this clears it).
    const settlement = await applySettlement(tx, scope, { documentId: document.id, amount: item.amount, source: "payment", date, path: path("amount") });
    if (sourceAmount.gt(unallocated)) {
      throw allocationExceedsPayment(formatMoney(unallocated, payment.currency), path(item.paymentAmount === undefined ? "amount" : "paymentAmount"));
    }

    // The payment's last allocation takes all of its remaining base, so it reaches exactly 0.
    const documentBase = settlement.baseAmount;
    const paymentBase = sourceAmount.eq(unallocated) ? unallocatedBase : Decimal.min(baseAmount(sourceAmount, payment.exchangeRate, baseCurrency), unallocatedBase);
    const difference = direction === "received" ? paymentBase.minus(documentBase) : documentBase.minus(paymentBase);

    const id = uuidv7();
    let fxEntryId: string | null = null;
    if (!difference.isZero()) {
      fxAccountId ??= (await accountRepository(tx).firstOfSubtype(organizationId, "exchange_gain_loss"))?.id;
      if (!fxAccountId) throw defaultAccountMissing("exchange_gain_loss", path("amount"));
      fxEntryId = await postExchangeDifference(tx, scope, { id, date, difference, payment, document, partyAccountId: context.partyAccountId, fxAccountId, baseCurrency });
    }
    await repository.createAllocation(organizationId, {
      id,
      documentId: document.id,
      paymentId: payment.id,
      allocationDate: dayOf(date),
      amount: item.amount,
      sourceAmount,
      baseAmount: documentBase,
      baseDifference: difference,
      fxEntryId,
      createdBy: scope.actor.id,
    });
    unallocated = unallocated.minus(sourceAmount);
    unallocatedBase = unallocatedBase.minus(paymentBase);
  }

  if (items.length > 0) {
    await repository.update(organizationId, payment.id, { amountAllocated: payment.amount.minus(unallocated), amountUnallocated: unallocated });
  }
}

/**
 * What an allocation takes from the payment, in the payment's currency (CROSS_CURRENCY_RULE).
 * @throws AppError 422 AMOUNT_PRECISION, EXCHANGE_RATE_MISSING, INVALID_PAYMENT_AMOUNT (a given
 *   paymentAmount that is not the amount in one currency, or an amount too small to convert)
 */
async function paymentAmountOf(
  tx: Tx,
  scope: Scope,
  input: { item: AllocationInput; document: SettlementDocument; payment: Payment; paymentDay: string; baseCurrency: string; path: (field: string) => string },
): Promise<Decimal> {
  const { item, document, payment, path } = input;
  const amount = new Decimal(item.amount);
  if (document.currency === payment.currency) {
    if (item.paymentAmount !== undefined && !new Decimal(item.paymentAmount).eq(amount)) {
      throw invalidPaymentAmount("In one currency the payment gives exactly the amount", path("paymentAmount"));
    }
    return amount;
  }
  if (item.paymentAmount !== undefined) return checkPrecision(item.paymentAmount, payment.currency, path("paymentAmount"));
  let documentRate = new Decimal(1);
  if (document.currency !== input.baseCurrency) {
    const rates = await journalRepository(tx).ratesOn(scope.organizationId, [document.currency], dayOf(input.paymentDay));
    const found = rates.get(document.currency);
    if (!found) throw exchangeRateMissing(document.currency, input.baseCurrency, input.paymentDay, path("paymentAmount"));
    documentRate = found;
  }
  const converted = amount.times(documentRate).dividedBy(payment.exchangeRate).toDecimalPlaces(minorUnits(payment.currency), Decimal.ROUND_HALF_UP);
  if (converted.isZero()) throw invalidPaymentAmount(`The amount is less than the smallest unit of ${payment.currency}`, path("amount"));
  return converted;
}

/**
 * The exchange difference's entry (source allocation_fx): a gain debits the receivable (payable)
 * and credits exchange gain/loss, a loss the other way round, in the base currency.
 */
async function postExchangeDifference(
  tx: Tx,
  scope: Scope,
  input: {
    id: string;
    date: string;
    difference: Decimal;
    payment: Payment;
    document: SettlementDocument;
    partyAccountId: string;
    fxAccountId: string;
    baseCurrency: string;
  },
): Promise<string> {
  const { payment, document, difference, baseCurrency } = input;
  const value = formatMoney(difference.abs(), baseCurrency);
  const party = { type: payment.partyType, id: payment.partyId };
  const partyLine = { accountId: input.partyAccountId, currency: baseCurrency, exchangeRate: "1", party };
  const fxLine = { accountId: input.fxAccountId, currency: baseCurrency, exchangeRate: "1" };
  const gain = difference.gt(0);
  const { entry } = await postEntryOnce(tx, scope, {
    date: input.date,
    memo: `Exchange ${gain ? "gain" : "loss"}: ${payment.number} settling ${document.number}`,
    reference: payment.number,
    source: { type: "allocation_fx", id: input.id },
    lines: gain ? [{ ...partyLine, debit: value }, { ...fxLine, credit: value }] : [{ ...fxLine, debit: value }, { ...partyLine, credit: value }],
  });
  return entry.id;
}
