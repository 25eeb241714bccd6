/**
 * Creates and posts an entry in one go, in the caller's transaction: what other services post
 * through the internal route (invoices, payments, stock accounting), what the year-end close and a
 * reversal post. It is planned in memory and written once with its final amounts. A source
 * (`{type, id}`) is unique per organization: posting it again returns the entry already posted for
 * it, never a second one.
 */
import { uuidv7 } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { LedgerSettings } from "../../generated/prisma/client";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { draftLines } from "./draft-lines";
import { journalRepository, type EntryData } from "./journal.repository";
import { dayOf, toJournalEntryDto, type JournalEntryDto, type PostEntryInput } from "./journal.schemas";
import { mayPostToControlAccounts } from "./ledger-rules";
import { commitPosting, planEntry, type PlannedEntry, type PlannedLines } from "./posting";

/**
 * `created` is false when the source had its entry already (then nothing was written).
 * @throws AppError 422 as `postDraft` (UNKNOWN_ACCOUNT for an account the organization does not
 *   have); a unique violation when a concurrent posting for the same source committed first (the
 *   caller looks it up again)
 */
export async function postEntryOnce(tx: Tx, scope: Scope, input: PostEntryInput): Promise<{ entry: JournalEntryDto; created: boolean }> {
  if (input.source) {
    const existing = await journalRepository(tx).findBySource(scope.organizationId, input.source);
    if (existing) return { entry: toJournalEntryDto(existing), created: false };
  }
  return { entry: await postNewEntry(tx, scope, input), created: true };
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

/**
 * Posts a new entry (no check of its source: `postEntryOnce` does that); `reversalOfEntryId` links a reversal.
 * @throws AppError 422 as `postDraft`
 */
export async function postNewEntry(tx: Tx, scope: Scope, input: PostEntryInput & { reversalOfEntryId?: string }): Promise<JournalEntryDto> {
  const { organizationId } = scope;
  const settings = await ledgerSettingsOf(tx, organizationId);
  const entry = await planNewEntry(tx, scope, input, settings);

  await journalRepository(tx).create(organizationId, [{ entry: entryData(entry), lines: entry.lines }]);
  return commitPosting(tx, scope, entry, settings);
}

/**
 * A new entry planned for posting (rules checked, amounts final, its accounts share-locked), not written yet.
 * @throws AppError 422 as `postDraft`
 */
export async function planNewEntry(
  tx: Tx,
  scope: Scope,
  input: PostEntryInput & { reversalOfEntryId?: string },
  settings: Pick<LedgerSettings, "baseCurrency">,
): Promise<PlannedEntry> {
  const planned = await planEntry(tx, scope, {
    date: input.date,
    lines: draftLines(input.lines, settings.baseCurrency),
    settings,
    controlAccounts: mayPostToControlAccounts({ sourceType: input.source?.type, reversalOfEntryId: input.reversalOfEntryId }),
  });
  return newPlannedEntry(planned, input, scope, settings.baseCurrency);
}

/** A new entry (a fresh id, created now by `scope`'s actor) of `input` with its planned lines. */
export function newPlannedEntry(
  planned: PlannedLines,
  input: PostEntryInput & { reversalOfEntryId?: string },
  scope: Scope,
  baseCurrency: string,
): PlannedEntry {
  return {
    ...planned,
    id: uuidv7(),
    date: input.date,
    memo: input.memo ?? null,
    reference: input.reference ?? null,
    sourceType: input.source?.type ?? null,
    sourceId: input.source?.id ?? null,
    reversalOfEntryId: input.reversalOfEntryId ?? null,
    baseCurrency,
    createdBy: scope.actor.id,
    createdAt: new Date(),
  };
}

/** The entry's row as it is first written. */
export function entryData(entry: PlannedEntry): EntryData {
  return {
    id: entry.id,
    entryDate: dayOf(entry.date),
    memo: entry.memo,
    reference: entry.reference,
    sourceType: entry.sourceType,
    sourceId: entry.sourceId,
    reversalOfEntryId: entry.reversalOfEntryId,
    baseCurrency: entry.baseCurrency,
    createdBy: entry.createdBy,
    createdAt: entry.createdAt,
  };
}
