/**
 * The only way to undo a posted entry: a new posted entry on a date given, with every line on the
 * other side (same currency, rate and base amounts), pointing back at the original. An entry is
 * reversed at most once (a unique index says so too); the original row never changes, and "reversed
 * by" is read from the reversal.
 */
import { journalEntryReversed } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { refuseIfReconciled } from "../bank-statements/refuse-reconciled";
import { alreadyReversed, entryNotPosted, entryOwnedByDocument, reversalBeforeOriginal } from "./journal.errors";
import { journalRepository } from "./journal.repository";
import { isoDay, type JournalEntryDto, type ReverseInput } from "./journal.schemas";
import { DOCUMENT_SOURCE_TYPES } from "./ledger-rules";
import { postNewEntry } from "./post-entry";

/**
 * Returns the reversal (posted). An entry a document posted (DOCUMENT_SOURCE_TYPES) is reversed
 * only by that document's void: reversed alone it would leave the document saying it is posted
 * while the books say it is not. `options.forDocument`: the caller is the void of the document
 * that posted the entry (the only way such an entry is reversed).
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE (a draft, or an entry a document posted and
 *   the caller is not its void), ALREADY_REVERSED, ENTRY_RECONCILED (a statement line is reconciled
 *   with one of its lines); 422
 *   REVERSAL_BEFORE_ORIGINAL, PERIOD_LOCKED and the posting rules (an account archived since, say);
 *   a unique violation when a concurrent reversal of the same entry committed first (the caller maps it)
 */
export async function reverseEntry(
  tx: Tx,
  scope: Scope,
  input: { id: string } & ReverseInput,
  options: { forDocument?: boolean } = {},
): Promise<JournalEntryDto> {
  const { organizationId } = scope;
  const repository = journalRepository(tx);
  const original = await repository.find(organizationId, input.id);
  if (!original) throw notFound("Journal entry");
  if (original.status !== "posted") throw entryNotPosted();
  if (!options.forDocument && original.sourceType && DOCUMENT_SOURCE_TYPES.has(original.sourceType)) {
    throw entryOwnedByDocument(original.sourceType, original.sourceId!);
  }
  if (original.reversedBy) throw alreadyReversed(original.reversedBy.id);
  // A document's void checks this itself (its own code); an entry reversed by hand is checked here.
  if (!options.forDocument) await refuseIfReconciled(tx, organizationId, original.id, "entry");
  const originalDate = isoDay(original.entryDate);
  if (input.date < originalDate) throw reversalBeforeOriginal(originalDate);

  const lines = [...original.lines]
    .sort((a, b) => a.lineNumber - b.lineNumber)
    .map((line) => ({
      accountId: line.accountId,
      ...(line.debit.gt(0) ? { credit: line.debit.toFixed() } : { debit: line.credit.toFixed() }),
      currency: line.currency,
      exchangeRate: line.exchangeRate?.toFixed() ?? "1",
      ...(line.description ? { description: line.description } : {}),
      ...(line.partyType && line.partyId ? { party: { type: line.partyType, id: line.partyId } } : {}),
    }));
  const reversal = await postNewEntry(tx, scope, {
    date: input.date,
    memo: input.memo ?? `Reversal of ${original.number}`,
    reference: original.reference ?? undefined,
    lines,
    reversalOfEntryId: original.id,
  });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: journalEntryReversed,
    organizationId,
    aggregateType: "journal_entry",
    aggregateId: original.id,
    actor: scope.actor,
    data: { number: original.number!, reversalEntryId: reversal.id, reversalNumber: reversal.number!, reversalDate: reversal.date },
  });
  return reversal;
}
