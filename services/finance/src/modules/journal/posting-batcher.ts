/**
 * Group commit for postings that arrive at the same time. Every posting of an organization holds
 * the organization's chain row until its transaction commits, and a commit waits for the disk: one
 * posting per transaction caps an organization at one posting per disk flush. So entries planned
 * outside any transaction (rules, rates, amounts: `planNewEntry`) queue here per organization, and
 * whatever queued while a batch was committing goes into the next one: one transaction checks the
 * accounts again under share locks, writes the entries, numbers and chains them in arrival order
 * and commits them with one flush. An entry refused in the batch (an account archived meanwhile,
 * the lock date moved) is answered alone and leaves nothing behind; when the batch's transaction
 * fails as a whole (a source posted twice at once, say), each entry is tried in a transaction of its
 * own, so one entry's error never becomes another's.
 */
import { conflict } from "@erp/errors";
import type { OrganizationId, Scope } from "@erp/scope";
import type { FinanceDb } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { postingRefused } from "./journal.errors";
import { journalRepository } from "./journal.repository";
import type { JournalEntryDto } from "./journal.schemas";
import { planPosting } from "./ledger-rules";
import { entryData } from "./post-entry";
import { commitPostings, type PlannedEntry, type PostingOutcome } from "./posting";

export interface PostingBatcher {
  /**
   * Posts `entry` (planned, not written) for `scope`, with whatever else of the organization is
   * waiting, and resolves with it posted.
   * @throws AppError 422 (a rule broken since it was planned, PERIOD_LOCKED), 409 CONFLICT (the
   *   base currency changed meanwhile); the database's error (a taken source's unique violation)
   */
  post(scope: Scope, entry: PlannedEntry): Promise<JournalEntryDto>;
}

interface Waiting {
  scope: Scope;
  entry: PlannedEntry;
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

  return {
    post(scope, entry) {
      return new Promise<JournalEntryDto>((resolve, reject) => {
        const { organizationId } = scope;
        const queue = queues.get(organizationId);
        if (queue) {
          queue.push({ scope, entry, resolve, reject });
          return;
        }
        queues.set(organizationId, [{ scope, entry, resolve, reject }]);
        // The first entry of an idle organization starts its drain; the others join its queue.
        void drain(organizationId);
      });
    },
  };
}

/** One transaction: the batch's entries checked again, written, numbered, chained and posted. */
function commitBatch(db: FinanceDb, organizationId: OrganizationId, batch: Waiting[]): Promise<PostingOutcome[]> {
  return db.withOrganization(organizationId, async (tx) => {
    const repository = journalRepository(tx);
    const settings = await ledgerSettingsOf(tx, organizationId);
    const accountIds = [...new Set(batch.flatMap(({ entry }) => entry.lines.map((line) => line.accountId)))];
    const accounts = new Map((await repository.accountsForPosting(organizationId, accountIds)).map((account) => [account.id, account]));
    const refusals = batch.map(({ entry }) => {
      if (entry.baseCurrency !== settings.baseCurrency) return conflict("The organization's base currency changed meanwhile: post the entry again");
      const check = planPosting({ lines: entry.lines, accounts, baseCurrency: settings.baseCurrency, rates: new Map() });
      return check.ok ? null : postingRefused(check.problems);
    });
    const accepted = batch.filter((_, index) => refusals[index] === null);
    let posted: PostingOutcome[] = [];
    if (accepted.length > 0) {
      await repository.create(
        organizationId,
        accepted.map(({ entry }) => ({ entry: entryData(entry), lines: entry.lines })),
      );
      posted = await commitPostings(tx, organizationId, accepted, settings, "drop");
    }
    let next = 0;
    return refusals.map((error) => (error ? { ok: false as const, error } : posted[next++]!));
  });
}
