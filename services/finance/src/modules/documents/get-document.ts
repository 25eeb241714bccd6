/** One invoice or bill, and the DTO every documents use case answers with. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import type { DocumentKindConfig } from "./document-kinds";
import { documentRepository, type DocumentWithLines } from "./document.repository";
import { toDocumentDto, type DocumentDto } from "./document.schemas";

/** `row` as the API shows it, base amounts in the organization's base currency. */
export async function documentDto(tx: Tx, scope: Scope, row: DocumentWithLines): Promise<DocumentDto> {
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  return toDocumentDto(row, baseCurrency);
}

/**
 * The document of `kind` with `id`, its row locked when `lock` (changes wait for each other).
 * @throws AppError 404 NOT_FOUND: none of that kind in the organization
 */
export async function findDocument(tx: Tx, scope: Scope, kind: DocumentKindConfig, id: string, options: { lock?: boolean } = {}): Promise<DocumentWithLines> {
  const repository = documentRepository(tx);
  const row = options.lock ? await repository.findForUpdate(scope.organizationId, id) : await repository.findOfKind(scope.organizationId, kind.kind, id);
  if (!row || row.kind !== kind.kind) throw notFound(kind.label);
  return row;
}

/** @throws AppError 404 NOT_FOUND */
export async function getDocument(tx: Tx, scope: Scope, kind: DocumentKindConfig, input: { id: string }): Promise<DocumentDto> {
  return documentDto(tx, scope, await findDocument(tx, scope, kind, input.id));
}
