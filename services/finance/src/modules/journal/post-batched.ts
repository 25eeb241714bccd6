/**
 * Creates and posts an entry for a request (the internal posting route, `POST /journal-entries?post=true`)
 * through the organization's posting batcher: planned and committed in the batch's transaction,
 * together with whatever else of the organization is posting at that moment. A source posted
 * before answers its entry. Unlike the other use cases it takes the ledger (database and batcher),
 * since the batch commits in a transaction of its own.
 */
import { inTransaction, isUniqueViolation } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { Ledger } from "../ledger/ledger-transaction";
import type { JournalEntryDto, PostEntryInput } from "./journal.schemas";
import { findEntryBySource } from "./post-entry";

/**
 * `created` is false when the source had its entry (posted before, or by a concurrent request).
 * @throws AppError 422 (the posting rules, UNKNOWN_ACCOUNT, PERIOD_LOCKED), 503 LEDGER_UNAVAILABLE
 */
export async function postBatched(ledger: Ledger, scope: Scope, input: PostEntryInput): Promise<{ entry: JournalEntryDto; created: boolean }> {
  await ledger.setup.ensure(scope);
  try {
    return await ledger.batcher.postNew(scope, input);
  } catch (err) {
    const { source } = input;
    if (!source || !isUniqueViolation(err)) throw err;
    // A concurrent posting for the same source (another process's) committed first: answer with its entry.
    const existing = await inTransaction(ledger.db, scope, (tx) => findEntryBySource(tx, scope, source));
    if (!existing) throw err;
    return { entry: existing, created: false };
  }
}
