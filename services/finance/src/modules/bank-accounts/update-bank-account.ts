/** Renaming a bank account (its ledger account follows) and archiving it once its balance is zero. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { archiveAccount } from "../accounts/archive-account";
import { updateAccount } from "../accounts/update-account";
import { bankAccountArchived } from "./bank-account.errors";
import { bankAccountRepository, type BankAccountRow } from "./bank-account.repository";
import type { BankAccountDto, UpdateBankAccountInput } from "./bank-account.schemas";
import { bankAccountDtoOf } from "./get-bank-account";

/** @throws AppError 404 NOT_FOUND, 409 INVALID_STATE (archived) */
async function lockActive(tx: Tx, scope: Scope, id: string): Promise<BankAccountRow> {
  const row = await bankAccountRepository(tx).lock(scope.organizationId, id);
  if (!row) throw notFound("Bank account");
  if (row.archivedAt) throw bankAccountArchived();
  return row;
}

/** @throws AppError 404 NOT_FOUND, 409 INVALID_STATE (archived) */
export async function updateBankAccount(
  tx: Tx,
  scope: Scope,
  input: { id: string; changes: UpdateBankAccountInput },
  view: { unmasked: boolean },
): Promise<BankAccountDto> {
  const row = await lockActive(tx, scope, input.id);
  const { changes } = input;
  if (changes.name !== undefined && changes.name !== row.name) await updateAccount(tx, scope, { id: row.accountId, changes: { name: changes.name } });
  const updated = await bankAccountRepository(tx).update(scope.organizationId, row.id, {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.bankName !== undefined ? { bankName: changes.bankName } : {}),
  });
  return bankAccountDtoOf(tx, scope, updated, view);
}

/**
 * Archives the ledger account too (which refuses a balance other than zero in the account's
 * currency or the base currency).
 * @throws AppError 404 NOT_FOUND, 409 INVALID_STATE (already archived), 422 ACCOUNT_BALANCE_NOT_ZERO
 */
export async function archiveBankAccount(tx: Tx, scope: Scope, input: { id: string }, view: { unmasked: boolean }): Promise<BankAccountDto> {
  const row = await lockActive(tx, scope, input.id);
  await archiveAccount(tx, scope, { id: row.accountId });
  const archived = await bankAccountRepository(tx).update(scope.organizationId, row.id, { archivedAt: new Date() });
  return bankAccountDtoOf(tx, scope, archived, view);
}
