/**
 * Posting a draft: the draft's lines are planned (every rule, rates, base amounts, the rounding
 * line) and written back, then the entry is committed to the ledger (posting.ts): its gap-free
 * number, its place in the hash chain, the balances and the posted event, with the same commit.
 */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { entryPosted } from "./journal.errors";
import { journalRepository, type LineData } from "./journal.repository";
import { isoDay, type JournalEntryDto } from "./journal.schemas";
import { commitPosting, planEntry } from "./posting";

/**
 * Posts the draft `id` in the caller's transaction and returns it posted.
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE (already posted); 422 with the first broken
 *   rule's code (TOO_FEW_LINES, LINE_AMOUNT_INVALID, UNKNOWN_ACCOUNT, ACCOUNT_IS_GROUP,
 *   ACCOUNT_ARCHIVED, ACCOUNT_CURRENCY_MISMATCH, AMOUNT_PRECISION, EXCHANGE_RATE_NOT_ONE,
 *   EXCHANGE_RATE_MISSING, ENTRY_NOT_BALANCED) and every broken rule in `details`;
 *   422 ROUNDING_ACCOUNT_MISSING, PERIOD_LOCKED
 */
export async function postDraft(tx: Tx, scope: Scope, input: { id: string }): Promise<JournalEntryDto> {
  const { organizationId } = scope;
  const repository = journalRepository(tx);
  const draft = await repository.findForUpdate(organizationId, input.id);
  if (!draft) throw notFound("Journal entry");
  if (draft.status === "posted") throw entryPosted(draft.number);
  const settings = await ledgerSettingsOf(tx, organizationId);
  const date = isoDay(draft.entryDate);
  const lines: LineData[] = [...draft.lines].sort((a, b) => a.lineNumber - b.lineNumber);
  const planned = await planEntry(tx, scope, { date, lines, settings });

  const changed = planned.lines.filter((line, index) => {
    const stored = lines[index];
    return stored && !(stored.exchangeRate?.eq(line.exchangeRate!) && stored.baseDebit.eq(line.baseDebit) && stored.baseCredit.eq(line.baseCredit));
  });
  await repository.setLineAmounts(
    organizationId,
    changed.map((line) => ({ id: line.id, exchangeRate: line.exchangeRate!, baseDebit: line.baseDebit, baseCredit: line.baseCredit })),
  );
  if (planned.roundingLine) await repository.addLines(organizationId, draft.id, draft.entryDate, [planned.roundingLine]);

  return commitPosting(
    tx,
    scope,
    {
      ...planned,
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
    },
    settings,
  );
}
