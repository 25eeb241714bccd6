/**
 * Recording an expense or other revenue: numbered (EXP- / REV-), posted in the same transaction
 * (expense: debit the expense account with the net and the rate's tax account with the tax, credit
 * the bank or cash account with the total; revenue: the mirror) in its currency at its rate.
 * Bank reconciliation records one for a statement line through `recordCashTransaction`.
 */
import { uuidv7 } from "@erp/db";
import { appendToOutbox } from "@erp/events";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { Account } from "../../generated/prisma/client";
import { OUTBOX_SCHEMA } from "../../events";
import { accountRepository } from "../accounts/account.repository";
import { unknownAccount } from "../payments/payment.errors";
import { checkPrecision } from "../payments/apply-allocations";
import { paymentRate, requirePaymentAccount } from "../payments/record-payment";
import { nextDocumentNumber } from "../documents/document-numbers";
import { dayOf } from "../journal/journal.schemas";
import { postEntryOnce } from "../journal/post-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { requireActiveParty } from "../parties/require-active-party";
import { fiscalYearOf } from "../periods/fiscal-year";
import { assertNotInFuture } from "../periods/not-in-future";
import { requireUsableTaxRate } from "../tax-rates/manage-tax-rates";
import { cashTransactionAmounts } from "./cash-transaction-amounts";
import { amountNotPositive, invalidCategoryAccount } from "./cash-transaction.errors";
import { CASH_TRANSACTION_KINDS, type CashTransactionKind, type CashTransactionKindConfig } from "./cash-transaction-kinds";
import { cashTransactionRepository } from "./cash-transaction.repository";
import { toCashTransactionDto, type CashTransactionDto, type RecordCashTransactionInput } from "./cash-transaction.schemas";

export interface RecordedCashTransaction {
  transaction: CashTransactionDto;
  /** The posted entry's bank or cash line (what a statement line is matched to). */
  bankLineId: string;
}

/** Why `account` cannot take the net amount of `config`'s kind in `currency`, or undefined when it can. */
export function categoryAccountProblem(account: Account, config: CashTransactionKindConfig, currency: string): string | undefined {
  if (account.isGroup) return "is a group account";
  if (account.archivedAt) return "is archived";
  if (account.type !== config.accountType) return `is of type ${account.type}`;
  if (account.currency && account.currency !== currency) return `holds ${account.currency} only`;
  return undefined;
}

/**
 * Records and posts an expense or other revenue in `tx` (the caller's transaction: a reconciliation
 * records it with its match).
 * @throws AppError 422 DATE_IN_FUTURE (date); UNKNOWN_ACCOUNT, INVALID_CATEGORY_ACCOUNT (accountId); UNKNOWN_ACCOUNT,
 *   INVALID_PAYMENT_ACCOUNT (bankAccountId); UNKNOWN_SUPPLIER / UNKNOWN_CUSTOMER, PARTY_ARCHIVED
 *   (partyId); UNKNOWN_TAX_RATE, TAX_RATE_ARCHIVED, TAX_RATE_NOT_APPLICABLE (taxRateId);
 *   AMOUNT_PRECISION, AMOUNT_NOT_POSITIVE (amount); EXCHANGE_RATE_MISSING, INVALID_EXCHANGE_RATE
 *   (exchangeRate); the posting rules (PERIOD_LOCKED)
 */
export async function recordCashTransaction(
  tx: Tx,
  scope: Scope,
  input: { kind: CashTransactionKind } & RecordCashTransactionInput,
): Promise<RecordedCashTransaction> {
  const { organizationId } = scope;
  assertNotInFuture(input.date, "date");
  const config = CASH_TRANSACTION_KINDS[input.kind];
  const settings = await ledgerSettingsOf(tx, organizationId);
  const { baseCurrency } = settings;
  const accounts = accountRepository(tx);

  const party = input.partyId ? await requireActiveParty(tx, scope, { kind: config.partyType, id: input.partyId, path: "partyId" }) : null;
  const givenBank = await accounts.find(organizationId, input.bankAccountId);
  const currency = input.currency ?? givenBank?.currency ?? baseCurrency;
  const bank = await requirePaymentAccount(tx, scope, input.bankAccountId, currency, "bankAccountId");
  const category = await accounts.find(organizationId, input.accountId);
  if (!category) throw unknownAccount("accountId");
  const problem = categoryAccountProblem(category, config, currency);
  if (problem) throw invalidCategoryAccount(category.code, problem, config.accountType);
  const taxRate = input.taxRateId ? await requireUsableTaxRate(tx, scope, { id: input.taxRateId, usage: config.taxUsage, path: "taxRateId" }) : null;
  const amountIncludesTax = input.amountIncludesTax ?? true;
  const amounts = cashTransactionAmounts({
    amount: checkPrecision(input.amount, currency, "amount"),
    amountIncludesTax,
    ratePercent: taxRate ? new Decimal(taxRate.rate) : null,
    currency,
  });
  if (!amounts.net.gt(0)) throw amountNotPositive();
  const exchangeRate = await paymentRate(tx, scope, { currency, baseCurrency, given: input.exchangeRate, date: input.date });

  // Lock order: the number series, then the ledger (posting).
  const { fiscalYear } = fiscalYearOf(input.date, settings.fiscalYearStartMonth);
  const { number, sequence } = await nextDocumentNumber(tx, organizationId, config.series, fiscalYear);

  const id = uuidv7();
  const money = { currency, exchangeRate: exchangeRate.toFixed() };
  const value = (amount: Decimal) => formatMoney(amount, currency);
  const out = config.bankSide === "credit";
  const side = (debit: boolean, amount: Decimal) => (debit ? { debit: value(amount) } : { credit: value(amount) });
  const counterparty = input.counterparty ?? party?.displayName;
  const { entry } = await postEntryOnce(tx, scope, {
    date: input.date,
    memo: `${config.label} ${number}${counterparty ? ` ${out ? "paid to" : "received from"} ${counterparty}` : ""}`,
    ...(input.reference ? { reference: input.reference } : {}),
    source: { type: config.kind, id },
    lines: [
      { ...money, accountId: category.id, ...side(out, amounts.net) },
      ...(taxRate && amounts.tax.gt(0) ? [{ ...money, accountId: taxRate.taxAccountId, ...side(out, amounts.tax) }] : []),
      { ...money, accountId: bank.id, ...side(!out, amounts.total) },
    ],
  });
  const bankLine = entry.lines.find((line) => line.accountId === bank.id)!;

  const repository = cashTransactionRepository(tx);
  const row = await repository.create(organizationId, {
    id,
    kind: config.kind,
    number,
    fiscalYear,
    sequence,
    date: dayOf(input.date),
    counterparty: input.counterparty ?? null,
    partyType: party?.kind ?? null,
    partyId: party?.id ?? null,
    accountId: category.id,
    bankAccountId: bank.id,
    amountIncludesTax,
    netAmount: amounts.net,
    taxRateId: taxRate?.id ?? null,
    taxRate: taxRate ? new Decimal(taxRate.rate) : null,
    taxAmount: amounts.tax,
    amount: amounts.total,
    currency,
    exchangeRate,
    baseAmount: new Decimal(out ? bankLine.baseCredit : bankLine.baseDebit),
    reference: input.reference ?? null,
    attachmentUrl: input.attachmentUrl ?? null,
    notes: input.notes ?? null,
    journalEntryId: entry.id,
    bankLineId: bankLine.id,
    createdBy: scope.actor.id,
  });
  const transaction = toCashTransactionDto(row, baseCurrency);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: config.events.recorded,
    organizationId,
    aggregateType: config.kind,
    aggregateId: id,
    actor: scope.actor,
    data: {
      number,
      date: transaction.date,
      counterparty: transaction.counterparty,
      partyId: transaction.party?.id ?? null,
      accountId: transaction.accountId,
      bankAccountId: transaction.bankAccountId,
      netAmount: transaction.netAmount,
      taxAmount: transaction.taxAmount,
      taxRateId: transaction.taxRateId,
      amount: transaction.amount,
      currency,
      exchangeRate: transaction.exchangeRate,
      baseCurrency,
      baseAmount: transaction.baseAmount,
      reference: transaction.reference,
      journalEntryId: entry.id,
    },
  });
  return { transaction, bankLineId: bankLine.id };
}
