/** A page of the organization's accounts, filtered, searched and sorted (by code unless told). */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { accountRepository } from "./account.repository";
import { toAccountDto, type AccountDto, type AccountListQuery } from "./account.schemas";

export async function listAccounts(tx: Tx, scope: Scope, query: AccountListQuery): Promise<Page<AccountDto>> {
  const window = listWindow(query);
  const rows = await accountRepository(tx).list(scope.organizationId, query, window);
  return keysetPage(rows, window, toAccountDto);
}
