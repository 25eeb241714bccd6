/**
 * Recording a payment received from a customer or made to a supplier: numbered (RCPT-/PAY-), posted
 * through the bank or cash account against the receivable (payable) at the payment's rate, and
 * allocated to documents of the party at once if asked; what is left is the party's credit.
 */
import { uuidv7 } from "@erp/db";
import { paymentMade, paymentReceived } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { Account } from "../../generated/prisma/client";
import { OUTBOX_SCHEMA } from "../../events";
import { accountRepository } from "../accounts/account.repository";
import { nextDocumentNumber } from "../documents/document-numbers";
import { defaultAccountMissing, exchangeRateMissing } from "../documents/document.errors";
import { lockDocumentsForSettlement } from "../documents/settlement";
import { journalRepository } from "../journal/journal.repository";
import { dayOf } from "../journal/journal.schemas";
import { postEntryOnce } from "../journal/post-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { requireActiveParty } from "../parties/require-active-party";
import { fiscalYearOf } from "../periods/fiscal-year";
import { assertNotInFuture } from "../periods/not-in-future";
import { applyAllocations, checkPrecision } from "./apply-allocations";
import { baseCurrencyRate, invalidPaymentAccount, unknownAccount } from "./payment.errors";
import { paymentRepository } from "./payment.repository";
import { toPaymentDto, type PaymentDto, type RecordPaymentInput } from "./payment.schemas";

/** Why `account` cannot take a payment in `currency`, or undefined when it can. */
function paymentAccountProblem(account: Account, currency: string): string | undefined {
  if (account.isGroup) return "is a group account";
  if (account.archivedAt) return "is archived";
  if (account.subtype !== "bank" && account.subtype !== "cash") return "is not of subtype bank or cash";
  if (account.currency && account.currency !== currency) return `holds ${account.currency} only`;
  return undefined;
}

/**
 * The bank or cash account money moves through (payments, expenses, other revenue): an active
 * posting account of subtype bank or cash, in `currency` when it has one; `path` is the request field.
 * @throws AppError 422 UNKNOWN_ACCOUNT, INVALID_PAYMENT_ACCOUNT (naming `path`)
 */
export async function requirePaymentAccount(tx: Tx, scope: Scope, id: string, currency: string, path = "accountId"): Promise<Account> {
  const account = await accountRepository(tx).find(scope.organizationId, id);
  if (!account) throw unknownAccount(path);
  const problem = paymentAccountProblem(account, currency);
  if (problem) throw invalidPaymentAccount(account.code, problem, path);
  return account;
}

/**
 * The payment's rate: the one given, else the organization's on the payment date; 1 for the base currency.
 * @throws AppError 422 INVALID_EXCHANGE_RATE (another rate for the base currency), EXCHANGE_RATE_MISSING
 */
export async function paymentRate(
  tx: Tx,
  scope: Scope,
  input: { currency: string; baseCurrency: string; given?: string; date: string; path?: string },
): Promise<Decimal> {
  const path = input.path ?? "exchangeRate";
  if (input.currency === input.baseCurrency) {
    if (input.given !== undefined && !new Decimal(input.given).eq(1)) throw baseCurrencyRate(input.currency, path);
    return new Decimal(1);
  }
  if (input.given !== undefined) return new Decimal(input.given);
  const rate = (await journalRepository(tx).ratesOn(scope.organizationId, [input.currency], dayOf(input.date))).get(input.currency);
  if (!rate) throw exchangeRateMissing(input.currency, input.baseCurrency, input.date, path);
  return rate;
}

/**
 * @throws AppError 422 DATE_IN_FUTURE (paymentDate); UNKNOWN_CUSTOMER / UNKNOWN_SUPPLIER, PARTY_ARCHIVED (partyId); UNKNOWN_ACCOUNT,
 *   INVALID_PAYMENT_ACCOUNT (accountId); AMOUNT_PRECISION; EXCHANGE_RATE_MISSING, INVALID_EXCHANGE_RATE;
 *   DEFAULT_ACCOUNT_MISSING (no receivable/payable account); the allocation rules (applyAllocations); the
 *   posting rules (PERIOD_LOCKED)
 */
export async function recordPayment(tx: Tx, scope: Scope, input: RecordPaymentInput): Promise<PaymentDto> {
  const { organizationId } = scope;
  const { direction } = input;
  assertNotInFuture(input.paymentDate, "paymentDate");
  const settings = await ledgerSettingsOf(tx, organizationId);
  const { baseCurrency } = settings;
  const party = await requireActiveParty(tx, scope, { kind: direction === "received" ? "customer" : "supplier", id: input.partyId, path: "partyId" });
  const currency = input.currency ?? party.currency;
  const amount = checkPrecision(input.amount, currency, "amount");
  const account = await requirePaymentAccount(tx, scope, input.accountId, currency);
  const partySubtype = direction === "received" ? "receivable" : "payable";
  const partyAccount = await accountRepository(tx).firstOfSubtype(organizationId, partySubtype);
  if (!partyAccount) throw defaultAccountMissing(partySubtype, "direction");
  const exchangeRate = await paymentRate(tx, scope, { currency, baseCurrency, given: input.exchangeRate, date: input.paymentDate });

  // Lock order: the documents (in id order), then the number series, then the ledger (posting).
  const items = input.allocations ?? [];
  const documents = await lockDocumentsForSettlement(
    tx,
    scope,
    items.map((item) => item.documentId),
  );
  const { fiscalYear } = fiscalYearOf(input.paymentDate, settings.fiscalYearStartMonth);
  const { number, sequence } = await nextDocumentNumber(tx, organizationId, direction === "received" ? "RCPT" : "PAY", fiscalYear);

  const id = uuidv7();
  const value = formatMoney(amount, currency);
  const money = { currency, exchangeRate: exchangeRate.toFixed() };
  const bankLine = { ...money, accountId: account.id };
  const partyLine = { ...money, accountId: partyAccount.id, party: { type: party.kind, id: party.id } };
  const { entry } = await postEntryOnce(tx, scope, {
    date: input.paymentDate,
    memo: `Payment ${number} ${direction === "received" ? "received from" : "made to"} ${party.displayName}`,
    ...(input.reference ? { reference: input.reference } : {}),
    source: { type: "payment", id },
    lines:
      direction === "received" ? [{ ...bankLine, debit: value }, { ...partyLine, credit: value }] : [{ ...partyLine, debit: value }, { ...bankLine, credit: value }],
  });
  const postedPartyLine = entry.lines.find((line) => line.accountId === partyAccount.id)!;
  const baseAmount = new Decimal(direction === "received" ? postedPartyLine.baseCredit : postedPartyLine.baseDebit);

  const repository = paymentRepository(tx);
  const payment = await repository.create(organizationId, {
    id,
    direction,
    number,
    fiscalYear,
    sequence,
    partyType: party.kind,
    partyId: party.id,
    paymentDate: dayOf(input.paymentDate),
    amount,
    currency,
    exchangeRate,
    baseAmount,
    accountId: account.id,
    reference: input.reference ?? null,
    notes: input.notes ?? null,
    amountUnallocated: amount,
    journalEntryId: entry.id,
    createdBy: scope.actor.id,
  });
  await applyAllocations(
    tx,
    scope,
    { payment, previous: [], partyAccountId: partyAccount.id, documents, date: input.paymentDate, baseCurrency },
    items,
  );

  const recorded = toPaymentDto((await repository.find(organizationId, id))!, baseCurrency);
  await announce(tx, scope, recorded);
  return recorded;
}

/** finance.payment.received / made, with the allocations made with it. */
async function announce(tx: Tx, scope: Scope, payment: PaymentDto): Promise<void> {
  const data = {
    ...pick(payment, ["number", "paymentDate", "amount", "currency", "exchangeRate", "baseCurrency", "baseAmount", "accountId", "reference", "amountUnallocated", "journalEntryId"]),
    partyId: payment.party.id,
    allocations: payment.allocations.map((a) => ({ documentId: a.document.id, documentNumber: a.document.number ?? "", amount: a.amount, sourceAmount: a.paymentAmount })),
  };
  const common = { organizationId: scope.organizationId, aggregateType: "payment", aggregateId: payment.id, actor: scope.actor };
  if (payment.direction === "received") await appendToOutbox(tx, OUTBOX_SCHEMA, { ...common, event: paymentReceived, data });
  else await appendToOutbox(tx, OUTBOX_SCHEMA, { ...common, event: paymentMade, data });
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}
