/** A page of the organization's invoices or bills, filtered and sorted (latest issue date first unless told). */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import type { DocumentKindConfig } from "./document-kinds";
import { documentRepository } from "./document.repository";
import { toDocumentDto, toKindDto, today, type DocumentListFilters } from "./document.schemas";

export async function listDocuments(tx: Tx, scope: Scope, kind: DocumentKindConfig, query: DocumentListFilters): Promise<Page<Record<string, unknown>>> {
  const window = listWindow(query as DocumentListFilters & { sort: "issueDate" });
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  const rows = await documentRepository(tx).list(scope.organizationId, kind.kind, query, window, new Date(`${today()}T00:00:00.000Z`));
  return keysetPage(rows, window, (row) => toKindDto(kind, toDocumentDto(row, baseCurrency)));
}
