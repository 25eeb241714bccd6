/** Deletes a draft with its lines; a posted entry is never deleted (reverse it). */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { entryPosted } from "./journal.errors";
import { journalRepository } from "./journal.repository";

/** @throws AppError 404 NOT_FOUND, 409 INVALID_STATE (posted) */
export async function deleteDraft(tx: Tx, scope: Scope, input: { id: string }): Promise<void> {
  const repository = journalRepository(tx);
  const entry = await repository.findForUpdate(scope.organizationId, input.id);
  if (!entry) throw notFound("Journal entry");
  if (entry.status === "posted") throw entryPosted(entry.number);
  await repository.delete(scope.organizationId, input.id);
}
