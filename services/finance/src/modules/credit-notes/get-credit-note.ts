/** One credit note, and a page of them. */
import { notFound } from "@erp/errors";
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { documentRepository, type DocumentWithLines } from "../documents/document.repository";
import { toDocumentDto, today } from "../documents/document.schemas";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { creditNoteRepository } from "./credit-note.repository";
import { toCreditNoteDto, type CreditAllocationRow, type CreditNoteDto, type CreditNoteListQuery } from "./credit-note.schemas";

/** The credit notes' invoice numbers and allocations, by credit note id (one query each, whatever the number of rows). */
async function creditNoteDtos(tx: Tx, organizationId: OrganizationId, rows: DocumentWithLines[]): Promise<CreditNoteDto[]> {
  if (rows.length === 0) return [];
  const { baseCurrency } = await ledgerSettingsOf(tx, organizationId);
  const ids = rows.map((row) => row.id);
  const invoiceIds = [...new Set(rows.map((row) => row.creditedDocumentId!))];
  const repository = creditNoteRepository(tx);
  const numbers = await repository.invoiceNumbers(organizationId, invoiceIds);
  const allocations = await repository.allocationsOf(organizationId, ids);
  const byCreditNote = new Map<string, CreditAllocationRow[]>();
  for (const allocation of allocations) byCreditNote.set(allocation.creditNoteId!, [...(byCreditNote.get(allocation.creditNoteId!) ?? []), allocation]);
  return rows.map((row) =>
    toCreditNoteDto(toDocumentDto(row, baseCurrency), {
      invoiceNumber: numbers.get(row.creditedDocumentId!) ?? "",
      baseCurrency,
      allocations: byCreditNote.get(row.id) ?? [],
    }),
  );
}

/** @throws AppError 404 NOT_FOUND: no credit note `id` in the organization */
export async function getCreditNote(tx: Tx, scope: Scope, input: { id: string }): Promise<CreditNoteDto> {
  const row = await documentRepository(tx).findOfKind(scope.organizationId, "credit_note", input.id);
  if (!row) throw notFound("Credit note");
  const [dto] = await creditNoteDtos(tx, scope.organizationId, [row]);
  return dto!;
}

/** A page of the organization's credit notes, latest first unless told. */
export async function listCreditNotes(tx: Tx, scope: Scope, query: CreditNoteListQuery): Promise<Page<CreditNoteDto>> {
  const window = listWindow(query);
  const { customerId, ...filters } = query;
  const rows = await documentRepository(tx).list(
    scope.organizationId,
    "credit_note",
    { ...filters, ...(customerId ? { partyId: customerId } : {}) },
    window,
    new Date(`${today()}T00:00:00.000Z`),
  );
  const dtos = await creditNoteDtos(tx, scope.organizationId, rows);
  const byId = new Map(dtos.map((dto) => [dto.id, dto]));
  return keysetPage(rows, window, (row) => byId.get(row.id)!);
}
