/** Creates an account of the chart and its created event; its code is unique in the organization. */
import { uuidv7 } from "@erp/db";
import { accountCreated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { checkCodeFree, checkParent, checkSubtype } from "./check-account";
import { accountRepository } from "./account.repository";
import { accountSnapshot, toAccountDto, type AccountDto, type CreateAccountInput } from "./account.schemas";

/**
 * Also what the CSV import and the default chart run per account, in their transaction.
 * @throws AppError 409 CONFLICT naming the account that has the code (in any case; a concurrent
 *   creation with the same code is the insert's unique violation, which the caller maps);
 *   422 SUBTYPE_NOT_ALLOWED, UNKNOWN_PARENT, PARENT_NOT_GROUP, PARENT_TYPE_MISMATCH, PARENT_ARCHIVED
 */
export async function createAccount(tx: Tx, scope: Scope, input: CreateAccountInput): Promise<AccountDto> {
  const { organizationId } = scope;
  await checkCodeFree(tx, organizationId, input.code);
  checkSubtype(input.subtype, input.type);
  await checkParent(tx, organizationId, input.parentId, input.type);
  const account = toAccountDto(
    await accountRepository(tx).create(organizationId, {
      id: uuidv7(),
      code: input.code,
      name: input.name,
      type: input.type,
      subtype: input.subtype ?? null,
      isGroup: input.isGroup,
      parentId: input.parentId ?? null,
      currency: input.currency ?? null,
      description: input.description ?? null,
    }),
  );
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: accountCreated,
    organizationId,
    aggregateType: "account",
    aggregateId: account.id,
    actor: scope.actor,
    data: accountSnapshot(account),
  });
  return account;
}
