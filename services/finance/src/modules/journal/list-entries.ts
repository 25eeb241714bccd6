/** A page of the organization's journal entries with their lines, filtered and sorted (newest date first unless told). */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { journalRepository } from "./journal.repository";
import { toJournalEntryDto, type JournalEntryDto, type JournalEntryListQuery } from "./journal.schemas";

export async function listEntries(tx: Tx, scope: Scope, query: JournalEntryListQuery): Promise<Page<JournalEntryDto>> {
  const requested = listWindow(query);
  // The API sorts by `date`; the column is entry_date.
  const window = { ...requested, sort: { ...requested.sort, field: requested.sort.field === "date" ? "entryDate" : requested.sort.field } };
  const rows = await journalRepository(tx).list(scope.organizationId, query, window);
  return keysetPage(rows, window, toJournalEntryDto);
}
