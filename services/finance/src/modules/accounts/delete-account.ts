/** Deletes an account that was never used: no lines (posted or draft) and no accounts under it. */
import { accountDeleted } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { accountInUse } from "./account.errors";
import { accountRepository } from "./account.repository";

/** @throws AppError 404 NOT_FOUND; 409 CONFLICT when it has postings, draft lines or child accounts */
export async function deleteAccount(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const { organizationId } = scope;
  const repository = accountRepository(tx);
  const row = await repository.findForUpdate(organizationId, input.id);
  if (!row) throw notFound("Account");
  if (await repository.hasPostings(organizationId, row.id)) throw accountInUse("has postings");
  if (await repository.hasLines(organizationId, row.id)) throw accountInUse("is on draft journal entries");
  if (await repository.hasChildren(organizationId, row.id)) throw accountInUse("holds other accounts");
  await repository.delete(organizationId, row.id);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: accountDeleted,
    organizationId,
    aggregateType: "account",
    aggregateId: row.id,
    actor: scope.actor,
    data: { code: row.code },
  });
}
