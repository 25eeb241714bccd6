/**
 * Archiving takes an account out of use: nothing more can be posted to it, it leaves the active
 * chart, and its history stays. Only an account whose balance is zero in every currency can go;
 * a group only once no active account sits under it. Restoring brings it back.
 */
import { accountArchived, accountRestored } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import {
  accountAlreadyArchived,
  accountBalanceNotZero,
  accountHasActiveChildren,
  accountNotArchived,
  parentArchived,
} from "./account.errors";
import { accountRepository } from "./account.repository";
import { accountSnapshot, toAccountDto, type AccountDto } from "./account.schemas";

/**
 * The account's row is locked first: a posting in flight holds a share lock on it, so the balance
 * read here includes it, and one starting later sees the account archived.
 * @throws AppError 404 NOT_FOUND, 409 INVALID_STATE (already archived), 422 ACCOUNT_BALANCE_NOT_ZERO, ACCOUNT_HAS_ACTIVE_CHILDREN
 */
export async function archiveAccount(tx: Tx, scope: Scope, input: { id: string }): Promise<AccountDto> {
  const { organizationId } = scope;
  const repository = accountRepository(tx);
  const row = await repository.findForUpdate(organizationId, input.id);
  if (!row) throw notFound("Account");
  if (row.archivedAt) throw accountAlreadyArchived();
  if (row.isGroup && (await repository.hasActiveChildren(organizationId, row.id))) throw accountHasActiveChildren();
  for (const totals of await repository.totals(organizationId, [row.id])) {
    const net = totals.debit.minus(totals.credit);
    if (!net.isZero()) throw accountBalanceNotZero(net.abs().toFixed(), totals.currency);
    const baseNet = totals.baseDebit.minus(totals.baseCredit);
    if (!baseNet.isZero()) throw accountBalanceNotZero(baseNet.abs().toFixed(), (await ledgerSettingsOf(tx, organizationId)).baseCurrency);
  }
  const account = toAccountDto(await repository.update(organizationId, row.id, { archivedAt: new Date() }));
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: accountArchived,
    organizationId,
    aggregateType: "account",
    aggregateId: account.id,
    actor: scope.actor,
    data: { ...accountSnapshot(account), status: "archived" },
  });
  return account;
}

/** @throws AppError 404 NOT_FOUND, 409 INVALID_STATE (not archived), 422 PARENT_ARCHIVED (restore the parent first) */
export async function restoreAccount(tx: Tx, scope: Scope, input: { id: string }): Promise<AccountDto> {
  const { organizationId } = scope;
  const repository = accountRepository(tx);
  const row = await repository.findForUpdate(organizationId, input.id);
  if (!row) throw notFound("Account");
  if (!row.archivedAt) throw accountNotArchived();
  if (row.parentId) {
    const parent = await repository.find(organizationId, row.parentId);
    if (parent?.archivedAt) throw parentArchived(parent.code);
  }
  const account = toAccountDto(await repository.update(organizationId, row.id, { archivedAt: null }));
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: accountRestored,
    organizationId,
    aggregateType: "account",
    aggregateId: account.id,
    actor: scope.actor,
    data: { ...accountSnapshot(account), status: "active" },
  });
  return account;
}
