/**
 * Recording a transfer between two bank accounts: numbered TRF-<fiscal year>-0001 and posted as
 * one entry (source bank_transfer): credit the source with amount + fee, debit the destination
 * with what arrives, debit the fee's expense account, and when the currencies differ the base
 * difference between what left and what arrived against exchange gain/loss.
 */
import { uuidv7 } from "@erp/db";
import { bankTransferPosted } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { Account } from "../../generated/prisma/client";
import { OUTBOX_SCHEMA } from "../../events";
import { accountRepository } from "../accounts/account.repository";
import { archivedBankAccount, unknownBankAccount } from "../bank-accounts/bank-account.errors";
import { bankAccountRepository, type BankAccountRow } from "../bank-accounts/bank-account.repository";
import { nextDocumentNumber } from "../documents/document-numbers";
import { defaultAccountMissing } from "../documents/document.errors";
import type { EntryLineInput } from "../journal/journal.schemas";
import { dayOf } from "../journal/journal.schemas";
import { baseAmount } from "../journal/ledger-rules";
import { postEntryOnce } from "../journal/post-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { checkPrecision } from "../payments/apply-allocations";
import { unknownAccount } from "../payments/payment.errors";
import { paymentRate } from "../payments/record-payment";
import { fiscalYearOf } from "../periods/fiscal-year";
import { assertNotInFuture } from "../periods/not-in-future";
import { invalidFeeAccount, toAmountMismatch, toAmountRequired } from "./bank-transfer.errors";
import { toBankTransferDto } from "./get-bank-transfer";
import { bankTransferRepository } from "./bank-transfer.repository";
import type { BankTransferDto, RecordBankTransferInput } from "./bank-transfer.schemas";

export const TRANSFER_SOURCE = "bank_transfer";

/** @throws AppError 422 UNKNOWN_BANK_ACCOUNT, BANK_ACCOUNT_ARCHIVED naming `path` */
async function requireActiveBankAccount(tx: Tx, scope: Scope, id: string, path: string): Promise<BankAccountRow> {
  const row = await bankAccountRepository(tx).find(scope.organizationId, id);
  if (!row) throw unknownBankAccount(path);
  if (row.archivedAt) throw archivedBankAccount(row.name, path);
  return row;
}

/** The fee's account: the one named (an active expense posting account), else bank charges, else the first operating expense. */
async function feeAccountOf(tx: Tx, scope: Scope, id: string | undefined): Promise<Account> {
  const { organizationId } = scope;
  if (id) {
    const account = await accountRepository(tx).find(organizationId, id);
    if (!account) throw unknownAccount("fee.accountId");
    if (account.isGroup) throw invalidFeeAccount(account.code, "is a group account");
    if (account.archivedAt) throw invalidFeeAccount(account.code, "is archived");
    if (account.type !== "expense") throw invalidFeeAccount(account.code, "is not an expense account");
    return account;
  }
  const bankCharges = await tx.account.findFirst({
    where: { organizationId, subtype: "operating_expense", isGroup: false, archivedAt: null, name: { contains: "bank", mode: "insensitive" } },
    orderBy: { code: "asc" },
  });
  const account = bankCharges ?? (await accountRepository(tx).firstOfSubtype(organizationId, "operating_expense"));
  if (!account) throw defaultAccountMissing("operating_expense", "fee.accountId");
  return account;
}

/**
 * @throws AppError 422 DATE_IN_FUTURE (transferDate), UNKNOWN_BANK_ACCOUNT, BANK_ACCOUNT_ARCHIVED, TO_AMOUNT_REQUIRED, TO_AMOUNT_MISMATCH,
 *   AMOUNT_PRECISION, UNKNOWN_ACCOUNT, INVALID_FEE_ACCOUNT, EXCHANGE_RATE_MISSING, INVALID_EXCHANGE_RATE,
 *   DEFAULT_ACCOUNT_MISSING; the posting rules (PERIOD_LOCKED)
 */
export async function recordBankTransfer(tx: Tx, scope: Scope, input: RecordBankTransferInput): Promise<BankTransferDto> {
  const { organizationId } = scope;
  assertNotInFuture(input.transferDate, "transferDate");
  const settings = await ledgerSettingsOf(tx, organizationId);
  const { baseCurrency } = settings;
  const from = await requireActiveBankAccount(tx, scope, input.fromBankAccountId, "fromBankAccountId");
  const to = await requireActiveBankAccount(tx, scope, input.toBankAccountId, "toBankAccountId");
  const { currency } = from;
  const toCurrency = to.currency;
  const amount = checkPrecision(input.amount, currency, "amount");
  let toAmount = amount;
  if (currency !== toCurrency) {
    if (input.toAmount === undefined) throw toAmountRequired(currency, toCurrency);
    toAmount = checkPrecision(input.toAmount, toCurrency, "toAmount");
  } else if (input.toAmount !== undefined && !new Decimal(input.toAmount).eq(amount)) throw toAmountMismatch();
  const fee = input.fee ? checkPrecision(input.fee.amount, currency, "fee.amount") : new Decimal(0);
  const feeAccount = input.fee ? await feeAccountOf(tx, scope, input.fee.accountId) : null;
  const date = input.transferDate;
  const rate = await paymentRate(tx, scope, { currency, baseCurrency, given: input.exchangeRate, date, path: "exchangeRate" });
  const toRate = await paymentRate(tx, scope, { currency: toCurrency, baseCurrency, given: input.toExchangeRate, date, path: "toExchangeRate" });

  const lines: EntryLineInput[] = [
    { accountId: from.accountId, credit: formatMoney(amount.plus(fee), currency), currency, exchangeRate: rate.toFixed(), description: `Transfer to ${to.name}` },
    { accountId: to.accountId, debit: formatMoney(toAmount, toCurrency), currency: toCurrency, exchangeRate: toRate.toFixed(), description: `Transfer from ${from.name}` },
  ];
  if (feeAccount) lines.push({ accountId: feeAccount.id, debit: formatMoney(fee, currency), currency, exchangeRate: rate.toFixed(), description: "Transfer fee" });
  if (currency !== toCurrency) {
    // What left, in the base currency, less what arrived and the fee: a loss when positive.
    const difference = baseAmount(amount.plus(fee), rate, baseCurrency).minus(baseAmount(toAmount, toRate, baseCurrency)).minus(baseAmount(fee, rate, baseCurrency));
    if (!difference.isZero()) {
      const fx = await accountRepository(tx).firstOfSubtype(organizationId, "exchange_gain_loss");
      if (!fx) throw defaultAccountMissing("exchange_gain_loss", "toAmount");
      const value = formatMoney(difference.abs(), baseCurrency);
      lines.push({
        accountId: fx.id,
        ...(difference.gt(0) ? { debit: value } : { credit: value }),
        currency: baseCurrency,
        exchangeRate: "1",
        description: difference.gt(0) ? "Exchange loss on transfer" : "Exchange gain on transfer",
      });
    }
  }

  const { fiscalYear } = fiscalYearOf(date, settings.fiscalYearStartMonth);
  const { number, sequence } = await nextDocumentNumber(tx, organizationId, "TRF", fiscalYear);
  const id = uuidv7();
  const { entry } = await postEntryOnce(tx, scope, {
    date,
    memo: `Transfer ${number} from ${from.name} to ${to.name}`,
    ...(input.reference ? { reference: input.reference } : {}),
    source: { type: TRANSFER_SOURCE, id },
    lines,
  });
  const row = await bankTransferRepository(tx).create(organizationId, {
    id,
    number,
    fiscalYear,
    sequence,
    fromBankAccountId: from.id,
    toBankAccountId: to.id,
    transferDate: dayOf(date),
    amount,
    currency,
    toAmount,
    toCurrency,
    feeAmount: fee,
    feeAccountId: feeAccount?.id ?? null,
    reference: input.reference ?? null,
    journalEntryId: entry.id,
    createdBy: scope.actor.id,
  });
  const transfer = toBankTransferDto(row);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: bankTransferPosted,
    organizationId,
    aggregateType: "bank_transfer",
    aggregateId: id,
    actor: scope.actor,
    data: {
      number,
      transferDate: transfer.transferDate,
      fromBankAccountId: from.id,
      toBankAccountId: to.id,
      amount: transfer.amount,
      currency,
      toAmount: transfer.toAmount,
      toCurrency,
      feeAmount: transfer.feeAmount,
      journalEntryId: entry.id,
    },
  });
  return transfer;
}
