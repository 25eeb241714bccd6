/**
 * Posting a draft (`POST /journal-entries/{id}/post`): the request joins the organization's posting
 * batcher, whose transaction locks the drafts of the batch, plans them (every rule, rates, base
 * amounts, the rounding line) and commits them to the ledger (posting.ts) together with whatever
 * else of the organization is posting at that moment: each its gap-free number, its place in the
 * hash chain, the balances and the posted event. A draft refused there is answered alone and stays
 * as it was.
 */
import { notFound, type AppError } from "@erp/errors";
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { LedgerSettings } from "../../generated/prisma/client";
import type { Ledger } from "../ledger/ledger-transaction";
import { entryPosted } from "./journal.errors";
import { journalRepository, type DraftForPosting } from "./journal.repository";
import { isoDay, type JournalEntryDto } from "./journal.schemas";
import { planEntries, type PostingItem } from "./posting";

/**
 * Posts the draft `id` and returns it posted.
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE (already posted); 422 with the first broken
 *   rule's code (TOO_FEW_LINES, LINE_AMOUNT_INVALID, UNKNOWN_ACCOUNT, ACCOUNT_IS_GROUP,
 *   ACCOUNT_ARCHIVED, ACCOUNT_CURRENCY_MISMATCH, AMOUNT_PRECISION, EXCHANGE_RATE_NOT_ONE,
 *   EXCHANGE_RATE_MISSING, ENTRY_NOT_BALANCED) and every broken rule in `details`;
 *   422 ROUNDING_ACCOUNT_MISSING, PERIOD_LOCKED; 503 LEDGER_UNAVAILABLE
 */
export async function postDraft(ledger: Ledger, scope: Scope, input: { id: string }): Promise<JournalEntryDto> {
  await ledger.setup.ensure(scope);
  return ledger.batcher.postDraft(scope, input.id);
}

/** A draft asked to be posted, by whom. */
export interface DraftRequest {
  scope: Scope;
  id: string;
}

/** A draft of the batch: the item to commit, why it is refused, or the earlier request for the same draft. */
export type DraftOutcome = { item: PostingItem } | { error: AppError } | { duplicateOf: number };

/**
 * In the batch's transaction: locks the drafts (in id order) and plans them together
 * (`planEntries`). Returns, per request in order, the item to commit or why it is refused (nothing
 * written for it). The same draft asked twice in one batch is planned once: the later requests
 * name the first (`duplicateOf`, its index) and are answered after the batch.
 */
export async function planDrafts(
  tx: Tx,
  organizationId: OrganizationId,
  settings: Pick<LedgerSettings, "baseCurrency">,
  requests: readonly DraftRequest[],
): Promise<DraftOutcome[]> {
  const drafts = new Map((await journalRepository(tx).lockDrafts(organizationId, [...new Set(requests.map(({ id }) => id))])).map((draft) => [draft.id, draft]));
  const first = new Map<string, number>();
  const results = new Array<DraftOutcome>(requests.length);
  const toPlan: { index: number; draft: DraftForPosting }[] = [];
  requests.forEach(({ id }, index) => {
    const earlier = first.get(id);
    if (earlier !== undefined) {
      results[index] = { duplicateOf: earlier };
      return;
    }
    first.set(id, index);
    const draft = drafts.get(id);
    if (!draft) results[index] = { error: notFound("Journal entry") };
    else if (draft.status === "posted") results[index] = { error: entryPosted(draft.number) };
    else toPlan.push({ index, draft });
  });
  const planned = await planEntries(
    tx,
    organizationId,
    settings,
    toPlan.map(({ index, draft }) => ({ scope: requests[index]!.scope, date: isoDay(draft.entryDate), lines: draft.lines })),
  );
  planned.forEach((result, n) => {
    const { index, draft } = toPlan[n]!;
    results[index] =
      "error" in result
        ? result
        : {
            item: {
              scope: requests[index]!.scope,
              stored: draft.lines,
              entry: {
                ...result.planned,
                id: draft.id,
                date: isoDay(draft.entryDate),
                memo: draft.memo,
                reference: draft.reference,
                sourceType: draft.sourceType,
                sourceId: draft.sourceId,
                reversalOfEntryId: draft.reversalOfEntryId,
                baseCurrency: draft.baseCurrency,
                createdBy: draft.createdBy,
                createdAt: draft.createdAt,
              },
            },
          };
  });
  return results;
}
