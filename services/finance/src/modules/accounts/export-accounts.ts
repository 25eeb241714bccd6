/** Every account of a list's filters, parents before children, for `sendCsv` (one batch: a chart is small). */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { treeOrder } from "./account-tree";
import type { AccountCsvRecord } from "./account-csv";
import { accountRepository } from "./account.repository";
import { toAccountDto, type AccountExportQuery } from "./account.schemas";

export async function exportAccounts(tx: Tx, scope: Scope, query: AccountExportQuery): Promise<AccountCsvRecord[]> {
  const rows = await accountRepository(tx).all(scope.organizationId, query);
  return treeOrder(rows.map((row) => ({ ...toAccountDto(row), parentCode: row.parent?.code ?? null })));
}
