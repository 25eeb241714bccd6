/** Edits a draft: its date, memo, reference, or all its lines at once. Posted entries never change. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { checkLineAccounts, draftLines } from "./draft-lines";
import { entryPosted } from "./journal.errors";
import { journalRepository } from "./journal.repository";
import { dayOf, toJournalEntryDto, type JournalEntryDto, type UpdateDraftInput } from "./journal.schemas";

/** @throws AppError 404 NOT_FOUND, 409 INVALID_STATE (posted), 422 UNKNOWN_ACCOUNT */
export async function updateDraft(tx: Tx, scope: Scope, input: { id: string; changes: UpdateDraftInput }): Promise<JournalEntryDto> {
  const { organizationId } = scope;
  const { id, changes } = input;
  const repository = journalRepository(tx);
  const entry = await repository.findForUpdate(organizationId, id);
  if (!entry) throw notFound("Journal entry");
  if (entry.status === "posted") throw entryPosted(entry.number);
  const entryDate = changes.date !== undefined ? dayOf(changes.date) : entry.entryDate;
  await repository.update(organizationId, id, {
    entryDate,
    ...(changes.memo !== undefined ? { memo: changes.memo } : {}),
    ...(changes.reference !== undefined ? { reference: changes.reference } : {}),
  });
  if (changes.lines) {
    await checkLineAccounts(tx, organizationId, changes.lines);
    await repository.replaceLines(organizationId, id, entryDate, draftLines(changes.lines, entry.baseCurrency));
  } else if (changes.date !== undefined) {
    await repository.redateLines(organizationId, id, entryDate);
  }
  const updated = await repository.find(organizationId, id);
  if (!updated) throw notFound("Journal entry");
  return toJournalEntryDto(updated);
}
