/**
 * Group commit for postings that arrive at the same time. Every posting of an organization holds
 * the organization's chain row until its transaction commits, and a commit waits for the disk: one
 * posting per transaction caps an organization at one posting per disk flush, and at the round
 * trips of one posting. So postings queue here per organization, as they were asked (a new entry's
 * input, a draft's id), and whatever queued while a batch was committing goes into the next one.
 * One transaction locks the drafts, looks up the new entries' sources, plans them all together
 * (accounts share-locked in one query, rates once per date), writes the new entries, numbers and
 * chains them all in arrival order and commits them with one flush. An entry refused in the batch
 * (a broken rule, the lock date) is answered alone and leaves nothing behind (a draft stays as it
 * was); when the batch's transaction fails as a whole (a source posted at once by another process,
 * say), each entry is tried in a transaction of its own, so one entry's error never becomes
 * another's.
 */
import type { AppError } from "@erp/errors";
import type { OrganizationId, Scope } from "@erp/scope";
import type { FinanceDb, Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { draftLines } from "./draft-lines";
import { entryPosted } from "./journal.errors";
import { journalRepository } from "./journal.repository";
import { toJournalEntryDto, type JournalEntryDto, type PostEntryInput } from "./journal.schemas";
import { mayPostToControlAccounts } from "./ledger-rules";
import { planDrafts, type DraftOutcome } from "./post-draft";
import { entryData, newPlannedEntry } from "./post-entry";
import { commitPostings, planEntries, type PlannedEntry } from "./posting";

/** A posting's answer: the entry, and whether this posting created it (false: its source had it). */
export interface Posted {
  entry: JournalEntryDto;
  created: boolean;
}

export interface PostingBatcher {
  /**
   * Creates and posts `input` for `scope`, with whatever else of the organization is waiting, and
   * resolves with it posted; when its source has an entry already (posted before, or earlier in
   * the same batch) with that entry, `created` false.
   * @throws AppError 422 as `postDraft` (UNKNOWN_ACCOUNT for an account the organization does
   *   not have); the database's error (a source taken meanwhile by another process: its unique violation)
   */
  postNew(scope: Scope, input: PostEntryInput): Promise<Posted>;
  /**
   * Posts the draft `id` of `scope`'s organization, with whatever else of the organization is
   * waiting, and resolves with it posted.
   * @throws AppError as `postDraft` (post-draft.ts)
   */
  postDraft(scope: Scope, id: string): Promise<JournalEntryDto>;
}

/** A new entry as asked; or a draft, by id. */
export type Posting = { kind: "new"; input: PostEntryInput } | { kind: "draft"; id: string };

interface Waiting {
  scope: Scope;
  posting: Posting;
  resolve(posted: Posted): void;
  reject(error: unknown): void;
}

/** A request's answer: posted (or its source's entry), or the error that refused it. */
export type Outcome = { ok: true; posted: Posted } | { ok: false; error: AppError };

/** At most this many entries per transaction: a batch's lines are written in one statement. */
const MAX_BATCH = 100;

export function createPostingBatcher(db: FinanceDb): PostingBatcher {
  const queues = new Map<string, Waiting[]>();

  async function drain(organizationId: OrganizationId): Promise<void> {
    for (;;) {
      const queue = queues.get(organizationId) ?? [];
      const batch = queue.splice(0, MAX_BATCH);
      if (batch.length === 0) {
        queues.delete(organizationId);
        return;
      }
      try {
        await settle(organizationId, batch);
      } catch (err) {
        // A bug, not a posting's error: answer everyone waiting rather than leave the queue stuck.
        for (const waiting of [...batch, ...(queues.get(organizationId) ?? [])]) waiting.reject(err);
        queues.delete(organizationId);
        return;
      }
    }
  }

  async function settle(organizationId: OrganizationId, batch: Waiting[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await commitBatch(db, organizationId, batch);
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      for (const waiting of batch) await settle(organizationId, [waiting]);
      return;
    }
    outcomes.forEach((outcome, index) => (outcome.ok ? batch[index]!.resolve(outcome.posted) : batch[index]!.reject(outcome.error)));
  }

  function enqueue(scope: Scope, posting: Posting): Promise<Posted> {
    return new Promise<Posted>((resolve, reject) => {
      const { organizationId } = scope;
      const queue = queues.get(organizationId);
      if (queue) {
        queue.push({ scope, posting, resolve, reject });
        return;
      }
      queues.set(organizationId, [{ scope, posting, resolve, reject }]);
      // The first entry of an idle organization starts its drain; the others join its queue.
      void drain(organizationId);
    });
  }

  return {
    postNew: (scope, input) => enqueue(scope, { kind: "new", input }),
    postDraft: async (scope, id) => (await enqueue(scope, { kind: "draft", id })).entry,
  };
}

/** A request of the batch once looked at: to commit, refused, answered already, or the same as an earlier one. */
type Prepared = DraftOutcome | { existing: JournalEntryDto } | { sameSourceAs: number };

const sourceKey = (source: { type: string; id: string }) => JSON.stringify([source.type, source.id]);

/** One transaction: the batch's drafts locked, its new entries' sources checked, all planned together, written, numbered, chained and posted. */
function commitBatch(db: FinanceDb, organizationId: OrganizationId, batch: Waiting[]): Promise<Outcome[]> {
  return db.withOrganization(organizationId, (tx) => postAll(tx, organizationId, batch));
}

/**
 * In `tx`: locks the drafts among `batch`, looks up the new entries' sources, plans them all
 * together, writes the new entries, numbers, chains and posts every one that passes, and answers
 * each request's outcome in order. A refused one leaves nothing behind (its new entry is deleted,
 * a draft stays as it was); the others are posted. Callers that need all or nothing roll `tx` back
 * when an outcome is an error (`postEntries`).
 */
export async function postAll(tx: Tx, organizationId: OrganizationId, batch: readonly { scope: Scope; posting: Posting }[]): Promise<Outcome[]> {
  const repository = journalRepository(tx);
  const settings = await ledgerSettingsOf(tx, organizationId);
  const prepared = new Array<Prepared>(batch.length);

  const draftIndexes = batch.flatMap(({ posting }, index) => (posting.kind === "draft" ? [index] : []));
  if (draftIndexes.length > 0) {
    const requests = draftIndexes.map((index) => ({ scope: batch[index]!.scope, id: (batch[index]!.posting as { id: string }).id }));
    const planned = await planDrafts(tx, organizationId, settings, requests);
    planned.forEach((result, n) => {
      prepared[draftIndexes[n]!] = "duplicateOf" in result ? { duplicateOf: draftIndexes[result.duplicateOf]! } : result;
    });
  }

  const news = batch.flatMap(({ posting }, index) => (posting.kind === "new" ? [{ index, input: posting.input }] : []));
  const sources = news.flatMap(({ input }) => (input.source ? [input.source] : []));
  const existing = new Map(
    (sources.length > 0 ? await repository.findBySources(organizationId, sources) : []).map((entry) => [
      sourceKey({ type: entry.sourceType!, id: entry.sourceId! }),
      toJournalEntryDto(entry),
    ]),
  );
  const firstOfSource = new Map<string, number>();
  const toPlan = news.filter(({ index, input }) => {
    if (!input.source) return true;
    const key = sourceKey(input.source);
    const entry = existing.get(key);
    const first = firstOfSource.get(key);
    if (entry) prepared[index] = { existing: entry };
    else if (first !== undefined) prepared[index] = { sameSourceAs: first };
    else firstOfSource.set(key, index);
    return !entry && first === undefined;
  });
  const planned = await planEntries(
    tx,
    organizationId,
    settings,
    toPlan.map(({ index, input }) => ({
      scope: batch[index]!.scope,
      date: input.date,
      lines: draftLines(input.lines, settings.baseCurrency),
      controlAccounts: mayPostToControlAccounts({ sourceType: input.source?.type }),
    })),
  );
  const written: PlannedEntry[] = [];
  planned.forEach((result, n) => {
    const { index, input } = toPlan[n]!;
    if ("error" in result) {
      prepared[index] = result;
      return;
    }
    const { scope } = batch[index]!;
    const entry = newPlannedEntry(result.planned, input, scope, settings.baseCurrency);
    written.push(entry);
    prepared[index] = { item: { scope, entry } };
  });
  if (written.length > 0) {
    await repository.create(
      organizationId,
      written.map((entry) => ({ entry: entryData(entry), lines: entry.lines })),
    );
  }

  const items = prepared.flatMap((result) => ("item" in result ? [result.item] : []));
  const posted = items.length > 0 ? await commitPostings(tx, organizationId, items, settings, "drop") : [];
  let next = 0;
  const outcomes: Outcome[] = [];
  for (const result of prepared) {
    if ("item" in result) {
      const outcome = posted[next++]!;
      outcomes.push(outcome.ok ? { ok: true, posted: { entry: outcome.entry, created: true } } : outcome);
    } else if ("error" in result) outcomes.push({ ok: false, error: result.error });
    else if ("existing" in result) outcomes.push({ ok: true, posted: { entry: result.existing, created: false } });
    else if ("sameSourceAs" in result) {
      // A source asked twice (always after its first request): its entry, as a retry gets it.
      const original = outcomes[result.sameSourceAs]!;
      outcomes.push(original.ok ? { ok: true, posted: { entry: original.posted.entry, created: false } } : original);
    } else {
      // The same draft asked twice (always after its first request): what posting it again answers.
      const original = outcomes[result.duplicateOf]!;
      outcomes.push(original.ok ? { ok: false, error: entryPosted(original.posted.entry.number) } : original);
    }
  }
  return outcomes;
}
