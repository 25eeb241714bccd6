/** Creates a draft journal entry: editable, deletable, without a number, not in any balance. */
import { uuidv7 } from "@erp/db";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { checkLineAccounts, draftLines } from "./draft-lines";
import { journalRepository } from "./journal.repository";
import { dayOf, toJournalEntryDto, type CreateDraftInput, type JournalEntryDto } from "./journal.schemas";

/**
 * A draft may be unbalanced or incomplete: posting checks the rules. Its lines must name the
 * organization's accounts.
 * @throws AppError 422 UNKNOWN_ACCOUNT
 */
export async function createDraft(tx: Tx, scope: Scope, input: CreateDraftInput): Promise<JournalEntryDto> {
  const { organizationId } = scope;
  const { baseCurrency } = await ledgerSettingsOf(tx, organizationId);
  await checkLineAccounts(tx, organizationId, input.lines);
  const repository = journalRepository(tx);
  const id = uuidv7();
  await repository.create(organizationId, [
    {
      entry: {
        id,
        entryDate: dayOf(input.date),
        memo: input.memo ?? null,
        reference: input.reference ?? null,
        sourceType: null,
        sourceId: null,
        reversalOfEntryId: null,
        baseCurrency,
        createdBy: scope.actor.id,
        createdAt: new Date(),
      },
      lines: draftLines(input.lines, baseCurrency),
    },
  ]);
  const entry = await repository.find(organizationId, id);
  if (!entry) throw notFound("Journal entry");
  return toJournalEntryDto(entry);
}
