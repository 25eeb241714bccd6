/**
 * Imports accounts from CSV, all or nothing (see @erp/csv's importCsv). A row names its parent by
 * code: an account that exists, or one created by an earlier row of the file. In upsert mode a row
 * whose code matches an account's (ignoring case) changes that account, for the columns the file
 * has, through the same change as PATCH (and its rules: no type change once posted to...).
 */
import { importCsv, normaliseKey, type ImportMode, type ImportReport, type RowError } from "@erp/csv";
import type { OrganizationId, Scope } from "@erp/scope";
import { normaliseCode } from "../../codes";
import type { Tx } from "../../db";
import { unknownParent } from "./account.errors";
import { accountCsvColumns, accountCsvRow, type AccountCsvRow } from "./account-csv";
import { accountRepository, type AccountWithParentCode } from "./account.repository";
import { updatableAccountFields, type UpdateAccountInput } from "./account.schemas";
import { createAccount } from "./create-account";
import { accountChanges, changeAccount } from "./update-account";

/** @throws AppError 422 IMPORT_INVALID_ROWS when any row is invalid (not for a dry run, which reports them); a rule a row breaks on writing (422) */
export function importAccounts(tx: Tx, scope: Scope, input: { csv: string; dryRun: boolean; mode: ImportMode }): Promise<ImportReport> {
  const { organizationId } = scope;
  const repository = accountRepository(tx);
  return importCsv(tx, {
    ...input,
    columns: accountCsvColumns,
    schema: accountCsvRow,
    key: {
      column: "code",
      label: "Account code",
      of: (row) => row.code,
      find: (tx, codes) => accountRepository(tx).findByCodes(organizationId, codes),
      keyOf: (account) => account.code,
    },
    references: (tx, records) => parentProblems(tx, organizationId, records),
    create: async (tx, row) => createAccount(tx, scope, { ...rowFields(row), isGroup: row.isGroup ?? false, parentId: await parentIdOf(tx, organizationId, row) }),
    update: {
      changes: (account, row, fields) => {
        const changed = accountChanges(account, importedChanges(row, fields));
        return parentMoves(account, row, fields) ? [...changed, "parentId"] : changed;
      },
      apply: async (tx, account, row, fields) => {
        const locked = (await repository.findForUpdate(organizationId, account.id)) ?? account;
        const changes = importedChanges(row, fields);
        if (parentMoves(account, row, fields)) changes.parentId = await parentIdOf(tx, organizationId, row);
        return changeAccount(tx, scope, locked, changes);
      },
    },
  });
}

function rowFields(row: AccountCsvRow) {
  const { parentCode: _parentCode, isGroup: _isGroup, ...fields } = row;
  return fields;
}

/** The fields the file has columns for, as creating from the row would set them (an empty cell clears an optional one); not the code, which is the match. */
function importedChanges(row: AccountCsvRow, fields: ReadonlySet<string>): UpdateAccountInput {
  const values: Record<string, unknown> = { ...row, isGroup: row.isGroup ?? false };
  return Object.fromEntries(
    updatableAccountFields
      .filter((field) => field !== "code" && field !== "parentId" && fields.has(field))
      .map((field) => [field, values[field] ?? null]),
  ) as UpdateAccountInput;
}

function parentMoves(account: AccountWithParentCode, row: AccountCsvRow, fields: ReadonlySet<string>): boolean {
  if (!fields.has("parentCode")) return false;
  return normaliseCode(row.parentCode ?? "") !== normaliseCode(account.parent?.code ?? "");
}

async function parentIdOf(tx: Tx, organizationId: OrganizationId, row: AccountCsvRow): Promise<string | null> {
  if (!row.parentCode) return null;
  const [parent] = await accountRepository(tx).findByCodes(organizationId, [row.parentCode]);
  if (!parent) throw unknownParent();
  return parent.id;
}

/**
 * Each row's parent as it will be when the row is written: an earlier row of the file (which it
 * describes), or an existing account. It must be a group of the row's type.
 */
async function parentProblems(tx: Tx, organizationId: OrganizationId, records: { row: number; input: AccountCsvRow }[]): Promise<RowError[]> {
  const parentCodes = [...new Set(records.flatMap((record) => record.input.parentCode ?? []))];
  const existing = new Map(
    (await accountRepository(tx).findByCodes(organizationId, parentCodes)).map((account) => [normaliseKey(account.code), account]),
  );
  const inFile = new Map<string, { row: number; input: AccountCsvRow }>();
  for (const record of records) if (!inFile.has(normaliseKey(record.input.code))) inFile.set(normaliseKey(record.input.code), record);

  const errors: RowError[] = [];
  for (const { row, input } of records) {
    if (!input.parentCode) continue;
    const key = normaliseKey(input.parentCode);
    const fileParent = inFile.get(key);
    const stored = existing.get(key);
    const problem = (message: string) => errors.push({ row, field: "parentCode", message });
    if (fileParent && fileParent.row >= row && !stored) {
      problem(`Account ${input.parentCode} is created by row ${fileParent.row}: put it before its children`);
      continue;
    }
    const parent =
      fileParent && fileParent.row < row
        ? { isGroup: fileParent.input.isGroup ?? stored?.isGroup ?? false, type: fileParent.input.type, archived: false }
        : stored
          ? { isGroup: stored.isGroup, type: stored.type, archived: stored.archivedAt !== null }
          : undefined;
    if (!parent) problem(`No account ${input.parentCode}, neither in the organization nor on an earlier row`);
    else if (!parent.isGroup) problem(`Account ${input.parentCode} is not a group account`);
    else if (parent.type !== input.type) problem(`Account ${input.parentCode} is a ${parent.type} group; this row is a ${input.type} account`);
    else if (parent.archived) problem(`Account ${input.parentCode} is archived`);
  }
  return errors;
}
