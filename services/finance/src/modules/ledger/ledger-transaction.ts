/** A route's transaction on the organization's ledger: set up first if it is not yet, then `inTransaction`. */
import { inTransaction, QUEUED_TRANSACTION_OPTIONS, type InTransactionOptions } from "@erp/db";
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
 * For what queues on one organization's row (a number series' counter, a document being settled,
 * the invoice a credit note takes from): @erp/db's QUEUED_TRANSACTION_OPTIONS (50 concurrent issues
 * took 16 s at a load of 13). `inLedger(..., QUEUED_TRANSACTION)`.
 */
export const QUEUED_TRANSACTION: InTransactionOptions = { transaction: QUEUED_TRANSACTION_OPTIONS };

/**
 * Runs `fn` in one transaction scoped to the organization, once its ledger exists.
 * @throws what `LedgerSetup.ensure` and `inTransaction` throw, and whatever `fn` throws
 */
export async function inLedger<T>(ledger: Ledger, scope: Scope, fn: (tx: Tx) => Promise<T>, options?: InTransactionOptions): Promise<T> {
  await ledger.setup.ensure(scope);
  return inTransaction(ledger.db, scope, fn, options);
}
