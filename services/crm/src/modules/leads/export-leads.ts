/**
 * Every lead of a list's filters, in batches for `sendCsv`. Unlike the other use cases it takes the
 * database: each batch is read in its own short transaction, so a long export holds none open.
 */
import { cursorBatches } from "@erp/csv";
import { inTransaction } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { CrmDb } from "../../db";
import type { LeadListQuery } from "./lead.schemas";
import { listLeads } from "./list-leads";

export function exportLeads(db: CrmDb, scope: Scope, query: Omit<LeadListQuery, "limit" | "cursor" | "count">): AsyncIterable<readonly object[]> {
  return cursorBatches(async (cursor) => {
    const page = await inTransaction(db, scope, (tx) => listLeads(tx, scope, { ...query, limit: 500, cursor, count: false }));
    return { data: page.data, nextCursor: page.page.nextCursor };
  });
}
