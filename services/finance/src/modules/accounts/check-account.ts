/** The rules every account write checks: a free code, a subtype that suits the type, a fitting parent. */
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Account, AccountSubtype, AccountType } from "../../generated/prisma/client";
import { SUBTYPE_TYPES, subtypeAllows } from "./account-types";
import {
  accountCodeTaken,
  accountCycle,
  parentArchived,
  parentNotGroup,
  parentTypeMismatch,
  subtypeNotAllowed,
  unknownParent,
} from "./account.errors";
import { accountRepository } from "./account.repository";

/** The account that has `code` (ignoring case and surrounding whitespace), if any. */
export async function accountWithCode(tx: Tx, organizationId: OrganizationId, code: string) {
  const [holder] = await accountRepository(tx).findByCodes(organizationId, [code]);
  return holder;
}

/** @throws AppError 409 CONFLICT naming the account that has `code` */
export async function checkCodeFree(tx: Tx, organizationId: OrganizationId, code: string): Promise<void> {
  const holder = await accountWithCode(tx, organizationId, code);
  if (holder) throw accountCodeTaken(holder);
}

/** @throws AppError 422 SUBTYPE_NOT_ALLOWED */
export function checkSubtype(subtype: AccountSubtype | null | undefined, type: AccountType): void {
  if (subtype && !subtypeAllows(subtype, type)) throw subtypeNotAllowed(subtype, type, SUBTYPE_TYPES[subtype]);
}

/**
 * The parent an account of `type` may sit under: an active group of the same type, and (when
 * `accountId` is given, a move) neither the account nor one of its descendants.
 * @throws AppError 422 UNKNOWN_PARENT, PARENT_NOT_GROUP, PARENT_TYPE_MISMATCH, PARENT_ARCHIVED, ACCOUNT_CYCLE
 */
export async function checkParent(
  tx: Tx,
  organizationId: OrganizationId,
  parentId: string | null | undefined,
  type: AccountType,
  accountId?: string,
): Promise<Account | null> {
  if (!parentId) return null;
  const repository = accountRepository(tx);
  const parent = await repository.find(organizationId, parentId);
  if (!parent) throw unknownParent();
  if (!parent.isGroup) throw parentNotGroup(parent.code);
  if (parent.type !== type) throw parentTypeMismatch(parent.type, type);
  if (parent.archivedAt) throw parentArchived(parent.code);
  if (accountId !== undefined && (await repository.subtreeIds(organizationId, accountId)).includes(parentId)) throw accountCycle();
  return parent;
}
