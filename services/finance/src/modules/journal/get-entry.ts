/** One journal entry with its lines, and the entry that reversed it (if any). */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { journalRepository } from "./journal.repository";
import { toJournalEntryDto, type JournalEntryDto } from "./journal.schemas";

/** @throws AppError 404 NOT_FOUND */
export async function getEntry(tx: Tx, scope: Scope, input: { id: string }): Promise<JournalEntryDto> {
  const entry = await journalRepository(tx).find(scope.organizationId, input.id);
  if (!entry) throw notFound("Journal entry");
  return toJournalEntryDto(entry);
}
