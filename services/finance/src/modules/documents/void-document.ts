/**
 * Voiding an issued invoice or an approved bill that nothing settles: its entry is reversed (the
 * ledger's reversal, dated the void date), the document keeps its number and lines, status `void`,
 * nothing due. A document with payments or credit notes allocated, or a credit note against it,
 * is refused: those are undone first.
 */
import { appendToOutbox } from "@erp/events";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { reverseEntry } from "../journal/reverse-entry";
import { assertNotInFuture } from "../periods/not-in-future";
import type { DocumentKindConfig } from "./document-kinds";
import { documentNotIn } from "./document.errors";
import { documentRepository } from "./document.repository";
import { isoDay, today, type DocumentDto } from "./document.schemas";
import { documentDto, findDocument } from "./get-document";

/**
 * Voids the invoice (bill) `id`; the reversal is dated `date` (default today, or the issue date when
 * that is later).
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE (a draft, void already, anything settled or
 *   credited); 422 DATE_IN_FUTURE, REVERSAL_BEFORE_ORIGINAL, PERIOD_LOCKED and the ledger's rules for the reversal
 */
export async function voidDocument(tx: Tx, scope: Scope, kind: DocumentKindConfig, input: { id: string; reason: string; date?: string }): Promise<DocumentDto> {
  const { organizationId } = scope;
  const document = await findDocument(tx, scope, kind, input.id, { lock: true });
  if (document.status === "draft") throw documentNotIn(kind.kind, document.number, document.status, "delete the draft instead");
  if (document.status === "void") throw documentNotIn(kind.kind, document.number, document.status, "it is void already");
  const repository = documentRepository(tx);
  if (!document.amountPaid.isZero() || !document.amountCredited.isZero() || (await repository.hasLiveAllocations(organizationId, document.id))) {
    throw documentNotIn(kind.kind, document.number, document.status, "payments or credits are allocated to it; void those first");
  }
  if (await repository.hasCreditNotes(organizationId, document.id)) {
    throw documentNotIn(kind.kind, document.number, document.status, "a credit note was issued against it");
  }
  const issueDate = isoDay(document.issueDate);
  // Void now, so the reversal is dated now: never later than today (or than the issue date of a document issued ahead).
  if (input.date !== undefined) assertNotInFuture(input.date, "date", issueDate);
  const date = input.date ?? (today() < issueDate ? issueDate : today());
  const reversal = await reverseEntry(tx, scope, { id: document.journalEntryId!, date, memo: `Void of ${kind.label.toLowerCase()} ${document.number}: ${input.reason}` }, { forDocument: true });
  await repository.update(organizationId, document.id, {
    status: "void",
    amountDue: new Decimal(0),
    baseAmountDue: new Decimal(0),
    voidEntryId: reversal.id,
    voidedAt: new Date(),
    voidedBy: scope.actor.id,
    voidReason: input.reason,
  });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: kind.events.voided,
    organizationId,
    aggregateType: kind.kind,
    aggregateId: document.id,
    actor: scope.actor,
    data: {
      number: document.number!,
      partyId: document.partyId,
      currency: document.currency,
      total: formatMoney(document.total, document.currency),
      reason: input.reason,
      reversalEntryId: reversal.id,
    },
  });
  return documentDto(tx, scope, (await repository.find(organizationId, document.id))!);
}
