/**
 * Group commit for postings that arrive at the same time. Every posting of an organization holds
 * the organization's chain row until its transaction commits, and a commit waits for the disk: one
 * posting per transaction caps an organization at one posting per disk flush, and at the round
 * trips of one posting. So postings queue here per organization, and whatever queued while a batch
 * was committing goes into the next one: new entries planned outside any transaction (rules, rates,
 * amounts: `planNewEntry`), and drafts to post by id. One transaction locks and plans the drafts,
 * checks the new entries' accounts again under share locks, writes the new entries, numbers and
 * chains them all in arrival order and commits them with one flush. An entry refused in the batch (a
 * broken rule, an account archived meanwhile, the lock date) is answered alone and leaves nothing
 * behind (a draft stays as it was); when the batch's transaction fails as a whole (a source posted
 * twice at once, say), each entry is tried in a transaction of its own, so one entry's error never
 * becomes another's.
 */
import { conflict, type AppError } from "@erp/errors";
import type { OrganizationId, Scope } from "@erp/scope";
import type { FinanceDb } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { entryPosted, postingRefused } from "./journal.errors";
import { journalRepository } from "./journal.repository";
import type { JournalEntryDto } from "./journal.schemas";
import { planPosting } from "./ledger-rules";
import { planDrafts } from "./post-draft";
import { entryData } from "./post-entry";
import { commitPostings, type PlannedEntry, type PostingItem, type PostingOutcome } from "./posting";

export interface PostingBatcher {
  /**
   * Posts `entry` (planned, not written) for `scope`, with whatever else of the organization is
   * waiting, and resolves with it posted.
   * @throws AppError 422 (a rule broken since it was planned, PERIOD_LOCKED), 409 CONFLICT (the
   *   base currency changed meanwhile); the database's error (a taken source's unique violation)
   */
  post(scope: Scope, entry: PlannedEntry): Promise<JournalEntryDto>;
  /**
   * Posts the draft `id` of `scope`'s organization, with whatever else of the organization is
   * waiting, and resolves with it posted.
   * @throws AppError as `postDraft` (post-draft.ts)
   */
  postDraft(scope: Scope, id: string): Promise<JournalEntryDto>;
}

/** A new entry, planned; or a draft, by id. */
type Posting = { kind: "entry"; entry: PlannedEntry } | { kind: "draft"; id: string };

interface Waiting {
  scope: Scope;
  posting: Posting;
  resolve(entry: JournalEntryDto): void;
  reject(error: unknown): void;
}

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
    let outcomes: PostingOutcome[];
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
    outcomes.forEach((outcome, index) => (outcome.ok ? batch[index]!.resolve(outcome.entry) : batch[index]!.reject(outcome.error)));
  }

  function enqueue(scope: Scope, posting: Posting): Promise<JournalEntryDto> {
    return new Promise<JournalEntryDto>((resolve, reject) => {
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
    post: (scope, entry) => enqueue(scope, { kind: "entry", entry }),
    postDraft: (scope, id) => enqueue(scope, { kind: "draft", id }),
  };
}

/** One transaction: the batch's drafts locked and planned, its new entries checked again and written, all numbered, chained and posted. */
function commitBatch(db: FinanceDb, organizationId: OrganizationId, batch: Waiting[]): Promise<PostingOutcome[]> {
  return db.withOrganization(organizationId, async (tx) => {
    const repository = journalRepository(tx);
    const settings = await ledgerSettingsOf(tx, organizationId);
    const prepared: ({ item: PostingItem } | { error: AppError } | { duplicateOf: number })[] = new Array(batch.length);

    const draftIndexes = batch.flatMap(({ posting }, index) => (posting.kind === "draft" ? [index] : []));
    if (draftIndexes.length > 0) {
      const requests = draftIndexes.map((index) => ({ scope: batch[index]!.scope, id: (batch[index]!.posting as { id: string }).id }));
      const planned = await planDrafts(tx, organizationId, settings, requests);
      planned.forEach((result, n) => {
        prepared[draftIndexes[n]!] = "duplicateOf" in result ? { duplicateOf: draftIndexes[result.duplicateOf]! } : result;
      });
    }

    const entryIndexes = batch.flatMap(({ posting }, index) => (posting.kind === "entry" ? [index] : []));
    if (entryIndexes.length > 0) {
      const entries = entryIndexes.map((index) => (batch[index]!.posting as { entry: PlannedEntry }).entry);
      const accountIds = [...new Set(entries.flatMap((entry) => entry.lines.map((line) => line.accountId)))];
      const accounts = new Map((await repository.accountsForPosting(organizationId, accountIds)).map((account) => [account.id, account]));
      const written: PlannedEntry[] = [];
      entries.forEach((entry, n) => {
        const index = entryIndexes[n]!;
        if (entry.baseCurrency !== settings.baseCurrency) {
          prepared[index] = { error: conflict("The organization's base currency changed meanwhile: post the entry again") };
          return;
        }
        const check = planPosting({ lines: entry.lines, accounts, baseCurrency: settings.baseCurrency, rates: new Map() });
        if (!check.ok) {
          prepared[index] = { error: postingRefused(check.problems) };
          return;
        }
        written.push(entry);
        prepared[index] = { item: { scope: batch[index]!.scope, entry } };
      });
      if (written.length > 0) {
        await repository.create(
          organizationId,
          written.map((entry) => ({ entry: entryData(entry), lines: entry.lines })),
        );
      }
    }

    const items = prepared.flatMap((result) => ("item" in result ? [result.item] : []));
    const posted = items.length > 0 ? await commitPostings(tx, organizationId, items, settings, "drop") : [];
    let next = 0;
    const outcomes: PostingOutcome[] = [];
    for (const result of prepared) {
      if ("item" in result) outcomes.push(posted[next++]!);
      else if ("error" in result) outcomes.push({ ok: false, error: result.error });
      else {
        // The same draft asked twice (always after its first request): what posting it again answers.
        const original = outcomes[result.duplicateOf]!;
        outcomes.push(original.ok ? { ok: false, error: entryPosted(original.entry.number) } : original);
      }
    }
    return outcomes;
  });
}
