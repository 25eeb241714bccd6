/**
 * Owners in CSV imports: the ids a file gives (learnt before the import's transaction) and the
 * rows that would give a record to someone who is not an active member (row errors, so a dry run
 * reports them). A row that keeps the owner its record has (an export re-imported after the owner
 * left) is not a new assignment and passes.
 */
import { readCsv, type CsvColumn, type CsvRecord, type RowError } from "@erp/csv";
import type { Scope } from "@erp/scope";
import type { z } from "zod";
import type { Tx } from "../../db";
import { isActiveMember } from "./require-active-member";

interface OwnedRow {
  id?: string | null;
  ownerId?: string | null;
}

/** The owner ids a valid row of the file gives (invalid rows are the import's to report). */
export function ownerIdsOfCsv(csv: string, columns: readonly CsvColumn[], schema: z.ZodType<OwnedRow>): string[] {
  return readCsv(csv, columns, schema).records.flatMap((record) => (record.input.ownerId ? [record.input.ownerId] : []));
}

/**
 * One row error per row whose owner is not an active member, unless the record the row's id
 * names has that owner already. `currentOwners`: the organization's records among `ids`.
 */
export async function inactiveOwnerRows(
  tx: Tx,
  scope: Scope,
  records: CsvRecord<OwnedRow>[],
  currentOwners: (ids: string[]) => Promise<{ id: string; ownerId: string | null }[]>,
): Promise<RowError[]> {
  const owned = records.filter((record) => record.input.ownerId);
  if (owned.length === 0) return [];
  const ids = owned.flatMap((record) => (record.input.id ? [record.input.id.toLowerCase()] : []));
  const kept = new Map((await currentOwners(ids)).map((record) => [record.id, record.ownerId]));
  const active = new Map<string, boolean>();
  const errors: RowError[] = [];
  for (const { row, input } of owned) {
    const ownerId = input.ownerId!.toLowerCase();
    if (input.id && kept.get(input.id.toLowerCase()) === ownerId) continue;
    if (!active.has(ownerId)) active.set(ownerId, await isActiveMember(tx, scope, ownerId));
    if (!active.get(ownerId)) errors.push({ row, field: "ownerId", message: "Not an active member of the organization" });
  }
  return errors;
}
