/**
 * Every active contact of a list's filters, in batches for `sendCsv`. Unlike the other use cases it
 * takes the database: each batch is read in its own short transaction, so a long export holds none open.
 */
import { cursorBatches } from "@erp/csv";
import { inTransaction } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { CrmDb } from "../../db";
import { contactCsvRow } from "./contact-csv";
import type { ContactListQuery } from "./contact.schemas";
import { listContacts } from "./list-contacts";

export function exportContacts(
  db: CrmDb,
  scope: Scope,
  query: Omit<ContactListQuery, "limit" | "cursor" | "count" | "status">,
): AsyncIterable<readonly object[]> {
  return cursorBatches(async (cursor) => {
    const page = await inTransaction(db, scope, (tx) => listContacts(tx, scope, { ...query, status: "active", limit: 500, cursor, count: false }));
    return { data: page.data.map(contactCsvRow), nextCursor: page.page.nextCursor };
  });
}
