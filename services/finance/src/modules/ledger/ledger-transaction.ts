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
 * Transaction limits for what queues on one organization's row (a number series' counter, a
 * document being settled, the invoice a credit note takes from): a burst of such requests runs one
 * after the other, so the last one waits longer than @erp/db's defaults (10 s / 15 s) allow on a
 * busy machine (50 concurrent issues took 16 s at a load of 13). `inLedger(..., QUEUED_TRANSACTION)`.
 */
export const QUEUED_TRANSACTION: InTransactionOptions = { transaction: { maxWait: 20_000, timeout: 20_000 } };

/**
 * Runs `fn` in one transaction scoped to the organization, once its ledger exists.
 * @throws what `LedgerSetup.ensure` and `inTransaction` throw, and whatever `fn` throws
 */
export async function inLedger<T>(ledger: Ledger, scope: Scope, fn: (tx: Tx) => Promise<T>, options?: InTransactionOptions): Promise<T> {
  await ledger.setup.ensure(scope);
  return inTransaction(ledger.db, scope, fn, options);
}
