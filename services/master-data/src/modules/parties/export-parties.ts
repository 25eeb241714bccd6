/**
 * Every customer or supplier of a list's filters, in batches for `sendCsv`. Unlike the other use
 * cases it takes the database: each batch is read in its own short transaction, so a long export
 * holds none open.
 */
import { cursorBatches } from "@erp/csv";
import { inTransaction } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { MasterDataDb } from "../../db";
import { listParties } from "./list-parties";
import type { PartyKindConfig } from "./party-kinds";
import type { PartyListQuery } from "./party.schemas";

/** Rows per batch: each batch is written out before the next is read. */
export const EXPORT_BATCH = 500;

export function exportParties(
  db: MasterDataDb,
  scope: Scope,
  kind: PartyKindConfig,
  query: Omit<PartyListQuery, "limit" | "cursor" | "count">,
): AsyncIterable<readonly object[]> {
  return cursorBatches(async (cursor) => {
    const page = await inTransaction(db, scope, (tx) => listParties(tx, scope, kind, { ...query, limit: EXPORT_BATCH, cursor, count: false }));
    return { data: page.data, nextCursor: page.page.nextCursor };
  });
}
