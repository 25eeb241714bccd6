/**
 * Creates and posts an entry in one go, in the caller's transaction: what other services post
 * through the internal route (invoices, payments, stock accounting) and what the year-end close
 * posts. A source (`{type, id}`) is unique per organization: posting it again returns the entry
 * already posted for it, never a second one.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { createDraft } from "./create-draft";
import { journalRepository } from "./journal.repository";
import { toJournalEntryDto, type JournalEntryDto, type PostEntryInput } from "./journal.schemas";
import { postDraft } from "./post-draft";

/**
 * `created` is false when the source had its entry already (then nothing was written).
 * @throws AppError 422 as `postDraft` and `createDraft` (UNKNOWN_ACCOUNT); a unique violation
 *   when a concurrent posting for the same source committed first (the caller looks it up again)
 */
export async function postEntryOnce(tx: Tx, scope: Scope, input: PostEntryInput): Promise<{ entry: JournalEntryDto; created: boolean }> {
  const { source, ...draft } = input;
  if (source) {
    const existing = await journalRepository(tx).findBySource(scope.organizationId, source);
    if (existing) return { entry: toJournalEntryDto(existing), created: false };
  }
  const created = await createDraft(tx, scope, draft, { source });
  return { entry: await postDraft(tx, scope, { id: created.id }), created: true };
}

/** `postEntryOnce`'s entry: the new posted entry, or the one the source already had. */
export async function postEntry(tx: Tx, scope: Scope, input: PostEntryInput): Promise<JournalEntryDto> {
  return (await postEntryOnce(tx, scope, input)).entry;
}

/** The entry posted for `source`, if any. */
export async function findEntryBySource(tx: Tx, scope: Scope, source: { type: string; id: string }): Promise<JournalEntryDto | null> {
  const entry = await journalRepository(tx).findBySource(scope.organizationId, source);
  return entry ? toJournalEntryDto(entry) : null;
}
