/**
 * Posting a draft (`POST /journal-entries/{id}/post`): the request joins the organization's posting
 * batcher, whose transaction locks the drafts of the batch, plans them (every rule, rates, base
 * amounts, the rounding line) and commits them to the ledger (posting.ts) together with whatever
 * else of the organization is posting at that moment: each its gap-free number, its place in the
 * hash chain, the balances and the posted event. A draft refused there is answered alone and stays
 * as it was.
 */
import { AppError, notFound } from "@erp/errors";
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { LedgerSettings } from "../../generated/prisma/client";
import type { Ledger } from "../ledger/ledger-transaction";
import { entryPosted, postingRefused } from "./journal.errors";
import { journalRepository, type AccountForPosting } from "./journal.repository";
import { dayOf, isoDay, type JournalEntryDto } from "./journal.schemas";
import { planPosting } from "./ledger-rules";
import { applyPlan, roundingAccountFor, type PostingItem } from "./posting";

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

/**
 * In the batch's transaction: locks the drafts (in id order) and plans each, with the accounts of
 * all of them read once (share-locked) and the rates once per date. Returns, per request in order,
 * the item to commit or why it is refused (nothing written for it). The same draft asked twice in
 * one batch is planned once: the later requests are answered after the batch (`duplicateOf`).
 */
export async function planDrafts(
  tx: Tx,
  organizationId: OrganizationId,
  settings: Pick<LedgerSettings, "baseCurrency">,
  requests: readonly DraftRequest[],
): Promise<({ item: PostingItem } | { error: AppError } | { duplicateOf: number })[]> {
  const repository = journalRepository(tx);
  const drafts = new Map((await repository.lockDrafts(organizationId, [...new Set(requests.map(({ id }) => id))])).map((draft) => [draft.id, draft]));
  const open = [...drafts.values()].filter((draft) => draft.status === "draft");
  const accountIds = [...new Set(open.flatMap((draft) => draft.lines.map((line) => line.accountId)))];
  const accounts = new Map((accountIds.length > 0 ? await repository.accountsForPosting(organizationId, accountIds) : []).map((a) => [a.id, a]));

  const unrated = new Map<string, Set<string>>();
  for (const draft of open) {
    for (const line of draft.lines) {
      if (line.exchangeRate !== null) continue;
      const date = isoDay(draft.entryDate);
      unrated.set(date, (unrated.get(date) ?? new Set()).add(line.currency));
    }
  }
  const rates = new Map<string, Awaited<ReturnType<typeof repository.ratesOn>>>();
  for (const [date, currencies] of unrated) rates.set(date, await repository.ratesOn(organizationId, [...currencies], dayOf(date)));

  let rounding: Promise<AccountForPosting> | undefined;
  const first = new Map<string, number>();
  const results: ({ item: PostingItem } | { error: AppError } | { duplicateOf: number })[] = [];
  for (const [index, { scope, id }] of requests.entries()) {
    const earlier = first.get(id);
    if (earlier !== undefined) {
      results.push({ duplicateOf: earlier });
      continue;
    }
    first.set(id, index);
    const draft = drafts.get(id);
    if (!draft) {
      results.push({ error: notFound("Journal entry") });
      continue;
    }
    if (draft.status === "posted") {
      results.push({ error: entryPosted(draft.number) });
      continue;
    }
    const date = isoDay(draft.entryDate);
    const checked = planPosting({ lines: draft.lines, accounts, baseCurrency: settings.baseCurrency, rates: rates.get(date) ?? new Map() });
    if (!checked.ok) {
      results.push({ error: postingRefused(checked.problems) });
      continue;
    }
    const { plan } = checked;
    let roundingAccount: AccountForPosting | null = null;
    if (plan.rounding) {
      rounding ??= roundingAccountFor(tx, scope, true);
      try {
        roundingAccount = await rounding;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ error: err });
        continue;
      }
    }
    const { lines, roundingLine } = applyPlan(draft.lines, plan, settings.baseCurrency, roundingAccount);
    const accountCodes = new Map(lines.map((line) => [line.accountId, (line.isRounding ? roundingAccount : accounts.get(line.accountId))?.code ?? ""]));
    results.push({
      item: {
        scope,
        stored: draft.lines,
        entry: {
          id: draft.id,
          date,
          memo: draft.memo,
          reference: draft.reference,
          sourceType: draft.sourceType,
          sourceId: draft.sourceId,
          reversalOfEntryId: draft.reversalOfEntryId,
          baseCurrency: draft.baseCurrency,
          createdBy: draft.createdBy,
          createdAt: draft.createdAt,
          lines,
          totals: plan.totals,
          accountCodes,
          roundingLine,
        },
      },
    });
  }
  return results;
}
