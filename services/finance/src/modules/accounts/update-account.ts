/**
 * Renames, recodes, moves or reclassifies an account; the event lists what changed, and nothing
 * changed writes nothing. What postings rely on (type, currency, group or not) is fixed once the
 * account has postings.
 */
import { accountUpdated } from "@erp/event-catalog";
import { appendToOutbox, changedFields } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import { normaliseCode } from "../../codes";
import type { Tx } from "../../db";
import type { Account } from "../../generated/prisma/client";
import { OUTBOX_SCHEMA } from "../../events";
import { accountHasChildren, accountHasPostings } from "./account.errors";
import { accountRepository } from "./account.repository";
import { accountSnapshot, toAccountDto, updatableAccountFields, type AccountDto, type UpdateAccountInput } from "./account.schemas";
import { checkCodeFree, checkParent, checkSubtype } from "./check-account";

/**
 * @throws AppError 404 NOT_FOUND; 409 CONFLICT naming the account that has the new code;
 *   422 ACCOUNT_HAS_POSTINGS, ACCOUNT_HAS_CHILDREN, SUBTYPE_NOT_ALLOWED and the parent's rules
 *   (UNKNOWN_PARENT, PARENT_NOT_GROUP, PARENT_TYPE_MISMATCH, PARENT_ARCHIVED, ACCOUNT_CYCLE)
 */
export async function updateAccount(tx: Tx, scope: Scope, input: { id: string; changes: UpdateAccountInput }): Promise<AccountDto> {
  const row = await accountRepository(tx).findForUpdate(scope.organizationId, input.id);
  if (!row) throw notFound("Account");
  return changeAccount(tx, scope, row, input.changes);
}

/** The fields `changes` would change on `row` (none: nothing to write). */
export function accountChanges(row: Account, changes: UpdateAccountInput): string[] {
  const before = toAccountDto(row);
  return changedFields(before, { ...before, ...changes }, updatableAccountFields);
}

/** The change itself, on a row the caller read (and locked) in `tx`: PATCH and the CSV import's upsert. */
export async function changeAccount(tx: Tx, scope: Scope, row: Account, changes: UpdateAccountInput): Promise<AccountDto> {
  const { organizationId } = scope;
  const changed = accountChanges(row, changes);
  if (changed.length === 0) return toAccountDto(row);
  const repository = accountRepository(tx);
  const next = { ...row, ...changes };

  if (changes.code !== undefined && normaliseCode(changes.code) !== normaliseCode(row.code)) await checkCodeFree(tx, organizationId, changes.code);
  const fixedByPostings = (["type", "currency", "isGroup"] as const).filter((field) => changed.includes(field));
  if (fixedByPostings.length > 0 && (await repository.hasPostings(organizationId, row.id))) throw accountHasPostings(fixedByPostings[0]!);
  checkSubtype(next.subtype, next.type);
  const fixedByChildren = changed.includes("type") ? "type" : changed.includes("isGroup") && !next.isGroup ? "isGroup" : undefined;
  if (fixedByChildren && (await repository.hasChildren(organizationId, row.id))) throw accountHasChildren(fixedByChildren);
  if (changed.includes("parentId") || changed.includes("type")) {
    await checkParent(tx, organizationId, next.parentId, next.type, changed.includes("parentId") ? row.id : undefined);
  }

  const account = toAccountDto(await repository.update(organizationId, row.id, changes));
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: accountUpdated,
    organizationId,
    aggregateType: "account",
    aggregateId: account.id,
    actor: scope.actor,
    data: { ...accountSnapshot(account), changedFields: changed },
  });
  return account;
}
