/**
 * Records that finance opened the organization's books (finance.ledger.opened), which locks its
 * base currency. The books are the truth: a base currency changed here while the event was on its
 * way (finance no longer followed it) is set back to the books' currency, and the change published
 * so that every copy of it follows.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { organizationRepository } from "./organization.repository";
import { appendOrganizationUpdated } from "./update-organization";

export interface BooksOpened {
  baseCurrency: string;
  openedAt: Date;
}

/** Idempotent: only the first record counts; a later one (a redelivery) changes nothing. */
export async function recordBooksOpened(tx: Tx, scope: Scope, books: BooksOpened): Promise<void> {
  const organizations = organizationRepository(tx);
  // Null as well for an organization this service does not have (a registration swept away): nothing to lock.
  const opened = await organizations.openBooks(scope.organizationId, books.baseCurrency, books.openedAt);
  if (!opened || opened.baseCurrency === books.baseCurrency) return;
  const repaired = await organizations.update(scope.organizationId, { baseCurrency: books.baseCurrency });
  await appendOrganizationUpdated(tx, scope, repaired, ["baseCurrency"]);
}
