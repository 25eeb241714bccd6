/**
 * Every product of a list's filters, for `sendCsv`. Unlike the other use cases it takes the
 * database: each batch of 500 is read in its own short transaction, so a long export holds none open.
 */
import { cursorBatches } from "@erp/csv";
import { inTransaction } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { MasterDataDb } from "../../db";
import { listProducts } from "./list-products";
import type { ProductListQuery } from "./product.schemas";

export function exportProducts(db: MasterDataDb, scope: Scope, query: Omit<ProductListQuery, "limit" | "cursor" | "count">): AsyncIterable<readonly object[]> {
  return cursorBatches(async (cursor) => {
    const page = await inTransaction(db, scope, (tx) => listProducts(tx, scope, { ...query, limit: 500, cursor, count: false }));
    return { data: page.data, nextCursor: page.page.nextCursor };
  });
}
