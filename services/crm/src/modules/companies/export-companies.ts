/**
 * Every company of a list's filters, in batches for `sendCsv`. Unlike the other use cases it takes
 * the database: each batch is read in its own short transaction, so a long export holds none open.
 */
import { cursorBatches } from "@erp/csv";
import { inTransaction } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { CrmDb } from "../../db";
import type { CompanyListQuery } from "./company.schemas";
import { listCompanies } from "./list-companies";

/** Rows per batch. */
export const EXPORT_BATCH = 500;

export function exportCompanies(db: CrmDb, scope: Scope, query: Omit<CompanyListQuery, "limit" | "cursor" | "count">): AsyncIterable<readonly object[]> {
  return cursorBatches(async (cursor) => {
    const page = await inTransaction(db, scope, (tx) => listCompanies(tx, scope, { ...query, limit: EXPORT_BATCH, cursor, count: false }));
    return { data: page.data, nextCursor: page.page.nextCursor };
  });
}
