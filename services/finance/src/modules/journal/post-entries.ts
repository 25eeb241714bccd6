/**
 * Bulk posting (`POST /journal-entries/batch`): many entries created and posted in one request and
 * one transaction, all or nothing. What an import or a nightly feed needs: one round trip and one
 * commit for the lot instead of one per entry, the way TigerBeetle takes transfers in batches and
 * Odoo's `account.move` `create` takes a list of moves. The entries are planned, numbered and
 * chained in the order given, by the same code as the posting batcher's (`postAll`).
 */
import { AppError } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { inLedger, QUEUED_TRANSACTION, type Ledger } from "../ledger/ledger-transaction";
import type { JournalEntryDto, PostEntryInput } from "./journal.schemas";
import { postAll } from "./posting-batcher";


/**
 * Creates and posts `entries` for `scope`'s organization: every one posted, numbered
 * consecutively in the order given, or none.
 * `options.beforeCommit` runs in the transaction once all are posted (the Idempotency-Key's answer).
 * @returns the posted entries, in the order given
 * @throws AppError 422 with the first refused entry's code, its details' paths prefixed with
 *   `entries.<index>.` (the posting rules, UNKNOWN_ACCOUNT, PERIOD_LOCKED); nothing is written.
 *   503 LEDGER_UNAVAILABLE before the ledger is set up
 */
export async function postEntries(
  ledger: Ledger,
  scope: Scope,
  entries: readonly PostEntryInput[],
  options: { beforeCommit?: (tx: Tx, posted: JournalEntryDto[]) => Promise<void> } = {},
): Promise<JournalEntryDto[]> {
  return inLedger(
    ledger,
    scope,
    async (tx) => {
      const outcomes = await postAll(
        tx,
        scope.organizationId,
        entries.map((input) => ({ scope, posting: { kind: "new", input } })),
      );
      const refused = outcomes.findIndex((outcome) => !outcome.ok);
      if (refused !== -1) {
        const { error } = outcomes[refused] as { ok: false; error: AppError };
        // Thrown, so the transaction rolls back what the other entries wrote.
        throw new AppError(
          error.code,
          `Entry ${refused}: ${error.message}`,
          error.status,
          (error.details ?? [{ path: "", message: error.message }]).map((detail) => ({
            path: detail.path ? `entries.${refused}.${detail.path}` : `entries.${refused}`,
            message: detail.message,
          })),
        );
      }
      const posted = outcomes.map((outcome) => (outcome as { ok: true; posted: { entry: JournalEntryDto } }).posted.entry);
      await options.beforeCommit?.(tx, posted);
      return posted;
    },
    QUEUED_TRANSACTION,
  );
}
