/** One bank account with its ledger balance, and a page of the organization's bank accounts. */
import { notFound } from "@erp/errors";
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { toBankAccountDto } from "./bank-account.dto";
import { bankAccountRepository, type BankAccountRow } from "./bank-account.repository";
import type { BankAccountDto, BankAccountListQuery } from "./bank-account.schemas";

/** The row as the API shows it, its balance read now. */
export async function bankAccountDtoOf(tx: Tx, scope: Scope, row: BankAccountRow, view: { unmasked: boolean }): Promise<BankAccountDto> {
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  const balances = await bankAccountRepository(tx).balances(scope.organizationId, [row.accountId]);
  return toBankAccountDto(row, { baseCurrency, balance: balances.get(row.accountId), unmasked: view.unmasked });
}

/** @throws AppError 404 NOT_FOUND */
export async function getBankAccount(tx: Tx, scope: Scope, input: { id: string }, view: { unmasked: boolean }): Promise<BankAccountDto> {
  const row = await bankAccountRepository(tx).find(scope.organizationId, input.id);
  if (!row) throw notFound("Bank account");
  return bankAccountDtoOf(tx, scope, row, view);
}

/** Filtered by status and currency; `q` searches name, bank name and number (only its visible part when masked); by name unless told. */
export async function listBankAccounts(tx: Tx, scope: Scope, query: BankAccountListQuery, view: { unmasked: boolean }): Promise<Page<BankAccountDto>> {
  const window = listWindow(query);
  const repository = bankAccountRepository(tx);
  const rows = await repository.list(scope.organizationId, query, window, view);
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  const balances = await repository.balances(
    scope.organizationId,
    rows.map((row) => row.accountId),
  );
  return keysetPage(rows, window, (row) => toBankAccountDto(row, { baseCurrency, balance: balances.get(row.accountId), unmasked: view.unmasked }));
}
