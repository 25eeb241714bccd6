/**
 * Creating a bank account: its own posting account in the ledger (subtype bank, in its currency,
 * under the group that holds the chart's bank account), the opening balance posted against the
 * opening balance equity account (source bank_account_opening), and finance.bank_account.created,
 * all in one transaction.
 */
import { uuidv7 } from "@erp/db";
import { bankAccountCreated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { accountRepository } from "../accounts/account.repository";
import { createAccount } from "../accounts/create-account";
import { defaultAccountMissing } from "../documents/document.errors";
import { checkPrecision } from "../payments/apply-allocations";
import { dayOf } from "../journal/journal.schemas";
import { postEntryOnce } from "../journal/post-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { assertNotInFuture } from "../periods/not-in-future";
import { bankGroupMissing } from "./bank-account.errors";
import { bankAccountRepository } from "./bank-account.repository";
import type { BankAccountDto, CreateBankAccountInput } from "./bank-account.schemas";
import { toBankAccountDto } from "./bank-account.dto";
import { compactAccountNumber, looksLikeIban } from "./iban";

export const OPENING_SOURCE = "bank_account_opening";

/**
 * The group bank accounts go under (the parent of the chart's first bank, else cash, account;
 * else the group coded 1100), locked FOR UPDATE so concurrent creations pick their codes in turn;
 * and the first free code after the chart's bank account.
 */
async function placeInChart(tx: Tx, scope: Scope): Promise<{ parentId: string; code: string }> {
  const { organizationId } = scope;
  const accounts = accountRepository(tx);
  const sibling = (await accounts.firstOfSubtype(organizationId, "bank")) ?? (await accounts.firstOfSubtype(organizationId, "cash"));
  const parentId = sibling?.parentId ?? (await tx.account.findFirst({ where: { organizationId, code: "1100", isGroup: true } }))?.id;
  if (!parentId || !(await accounts.findForUpdate(organizationId, parentId))) throw bankGroupMissing();
  const taken = new Set((await tx.account.findMany({ where: { organizationId }, select: { code: true } })).map((a) => a.code.trim().toLowerCase()));
  const parent = (await accounts.find(organizationId, parentId))!;
  const start = Number(sibling?.code ?? parent.code);
  if (Number.isSafeInteger(start)) {
    for (let code = start + 1; code < start + 10_000; code += 1) if (!taken.has(String(code))) return { parentId, code: String(code) };
  }
  let n = 1;
  while (taken.has(`${parent.code}-${n}`.toLowerCase())) n += 1;
  return { parentId, code: `${parent.code}-${n}` };
}

/**
 * @throws AppError 422 DATE_IN_FUTURE (openingDate), BANK_GROUP_MISSING, DEFAULT_ACCOUNT_MISSING (no opening balance equity
 *   account), AMOUNT_PRECISION, EXCHANGE_RATE_MISSING and the posting rules (PERIOD_LOCKED)
 */
export async function createBankAccount(tx: Tx, scope: Scope, input: CreateBankAccountInput, view: { unmasked: boolean }): Promise<BankAccountDto> {
  const { organizationId } = scope;
  if (input.openingDate !== undefined) assertNotInFuture(input.openingDate, "openingDate");
  const { baseCurrency } = await ledgerSettingsOf(tx, organizationId);
  const currency = input.currency ?? baseCurrency;
  const openingBalance = input.openingBalance === undefined ? new Decimal(0) : checkPrecision(input.openingBalance, currency, "openingBalance");
  const equity = openingBalance.isZero() ? null : await accountRepository(tx).firstOfSubtype(organizationId, "opening_balance");
  if (!openingBalance.isZero() && !equity) throw defaultAccountMissing("opening_balance", "openingBalance");

  const { parentId, code } = await placeInChart(tx, scope);
  const account = await createAccount(tx, scope, {
    code,
    name: input.name,
    type: "asset",
    subtype: "bank",
    isGroup: false,
    parentId,
    currency,
    description: input.bankName ? `Bank account at ${input.bankName}` : "Bank account",
  });

  const id = uuidv7();
  let openingEntryId: string | null = null;
  if (equity) {
    const value = formatMoney(openingBalance.abs(), currency);
    const money = { currency, ...(input.openingExchangeRate ? { exchangeRate: input.openingExchangeRate } : {}) };
    const bankSide = openingBalance.gt(0) ? { debit: value } : { credit: value };
    const equitySide = openingBalance.gt(0) ? { credit: value } : { debit: value };
    const { entry } = await postEntryOnce(tx, scope, {
      date: input.openingDate!,
      memo: `Opening balance of bank account ${input.name}`,
      source: { type: OPENING_SOURCE, id },
      lines: [
        { ...money, accountId: account.id, ...bankSide },
        { ...money, accountId: equity.id, ...equitySide },
      ],
    });
    openingEntryId = entry.id;
  }

  const compact = input.accountNumber ? compactAccountNumber(input.accountNumber) : null;
  const row = await bankAccountRepository(tx).create(organizationId, {
    id,
    name: input.name,
    bankName: input.bankName ?? null,
    accountNumber: compact,
    isIban: compact !== null && looksLikeIban(compact),
    currency,
    accountId: account.id,
    openingBalance,
    openingDate: openingEntryId ? dayOf(input.openingDate!) : null,
    openingEntryId,
    createdBy: scope.actor.id,
  });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: bankAccountCreated,
    organizationId,
    aggregateType: "bank_account",
    aggregateId: id,
    actor: scope.actor,
    data: {
      name: row.name,
      bankName: row.bankName,
      currency,
      accountId: account.id,
      accountCode: account.code,
      openingBalance: formatMoney(openingBalance, currency),
      openingDate: openingEntryId ? input.openingDate! : null,
      openingEntryId,
    },
  });
  const balances = await bankAccountRepository(tx).balances(organizationId, [account.id]);
  return toBankAccountDto(row, { baseCurrency, balance: balances.get(account.id), unmasked: view.unmasked });
}
