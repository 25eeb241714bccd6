/**
 * Creates and posts an entry for a request (the internal posting route, `POST /journal-entries?post=true`)
 * through the organization's posting batcher: planned in a short read-only transaction, then
 * committed together with whatever else of the organization is posting at that moment. A source
 * posted before answers its entry. Unlike the other use cases it takes the ledger (database and
 * batcher), since the batch commits in a transaction of its own.
 */
import { inTransaction, isUniqueViolation } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { Ledger } from "../ledger/ledger-transaction";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { journalRepository } from "./journal.repository";
import { toJournalEntryDto, type JournalEntryDto, type PostEntryInput } from "./journal.schemas";
import { findEntryBySource, planNewEntry } from "./post-entry";

/**
 * `created` is false when the source had its entry (posted before, or by a concurrent request).
 * @throws AppError 422 (the posting rules, PERIOD_LOCKED), 503 LEDGER_UNAVAILABLE, 409 CONFLICT (the base currency changed meanwhile)
 */
export async function postBatched(ledger: Ledger, scope: Scope, input: PostEntryInput): Promise<{ entry: JournalEntryDto; created: boolean }> {
  await ledger.setup.ensure(scope);
  const plan = await inTransaction(ledger.db, scope, async (tx) => {
    if (input.source) {
      const existing = await journalRepository(tx).findBySource(scope.organizationId, input.source);
      if (existing) return { existing: toJournalEntryDto(existing) };
    }
    const settings = await ledgerSettingsOf(tx, scope.organizationId);
    return { planned: await planNewEntry(tx, scope, input, settings, false) };
  });
  if (plan.existing) return { entry: plan.existing, created: false };
  try {
    return { entry: await ledger.batcher.post(scope, plan.planned!), created: true };
  } catch (err) {
    const { source } = input;
    if (!source || !isUniqueViolation(err)) throw err;
    // A concurrent posting for the same source committed first: answer with its entry.
    const existing = await inTransaction(ledger.db, scope, (tx) => findEntryBySource(tx, scope, source));
    if (!existing) throw err;
    return { entry: existing, created: false };
  }
}
