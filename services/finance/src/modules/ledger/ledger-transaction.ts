/** A route's transaction on the organization's ledger: set up first if it is not yet, then `inTransaction`. */
import { inTransaction, type InTransactionOptions } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { FinanceDb, Tx } from "../../db";
import type { PostingBatcher } from "../journal/posting-batcher";
import type { LedgerSetup } from "./ledger-setup";

/** What routes work with: the database, the organization's set-up on first use, the posting batcher. */
export interface Ledger {
  db: FinanceDb;
  setup: LedgerSetup;
  batcher: PostingBatcher;
}

/**
 * Runs `fn` in one transaction scoped to the organization, once its ledger exists.
 * @throws what `LedgerSetup.ensure` and `inTransaction` throw, and whatever `fn` throws
 */
export async function inLedger<T>(ledger: Ledger, scope: Scope, fn: (tx: Tx) => Promise<T>, options?: InTransactionOptions): Promise<T> {
  await ledger.setup.ensure(scope);
  return inTransaction(ledger.db, scope, fn, options);
}
