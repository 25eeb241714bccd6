/**
 * Re-computes the organization's hash chain from the stored rows, in posting order, and names the
 * first posted entry that no longer matches: a row changed or removed behind the application's
 * back shows here. Reads in batches, each in its own short transaction.
 */
import { inTransaction } from "@erp/db";
import { Decimal } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { FinanceDb } from "../../db";
import { firstChainBreak, type ChainBreak, type ChainedEntry } from "./entry-hash";
import { isoDay, type EntryRow } from "./journal.schemas";

const BATCH = 500;

export interface LedgerIntegrityReport {
  status: "intact" | "broken";
  entriesChecked: number;
  /** The first entry that fails, or (`missing_entries`) the first position the chain head expects and no entry holds. */
  firstBrokenEntry: { id: string | null; number: string | null; chainPosition: string; problem: ChainBreak | "missing_entries" } | null;
  checkedAt: string;
}

export async function checkLedgerIntegrity(db: FinanceDb, scope: Scope): Promise<LedgerIntegrityReport> {
  const { organizationId } = scope;
  let previous: { hash: string | null; position: bigint } = { hash: null, position: 0n };
  let checked = 0;
  const report = (firstBrokenEntry: LedgerIntegrityReport["firstBrokenEntry"]): LedgerIntegrityReport => ({
    status: firstBrokenEntry ? "broken" : "intact",
    entriesChecked: checked,
    firstBrokenEntry,
    checkedAt: new Date().toISOString(),
  });
  for (;;) {
    const after = previous.position;
    const rows = await inTransaction(db, scope, (tx) =>
      tx.journalEntry.findMany({
        where: { organizationId, status: "posted", chainPosition: { gt: after } },
        include: { lines: true, reversedBy: { select: { id: true } } },
        orderBy: { chainPosition: "asc" },
        take: BATCH,
      }),
    );
    const entries = rows.map(chained);
    const broken = firstChainBreak(entries, previous);
    if (broken) {
      checked += entries.indexOf(broken.entry);
      const { entry, problem } = broken;
      return report({ id: entry.id, number: entry.number, chainPosition: entry.chainPosition.toString(), problem });
    }
    checked += entries.length;
    const last = entries.at(-1);
    if (last) previous = { hash: last.hash, position: last.chainPosition };
    if (entries.length < BATCH) break;
  }
  const head = await inTransaction(db, scope, (tx) => tx.ledgerChain.findUnique({ where: { organizationId } }));
  if (head && (head.lastPosition !== previous.position || head.lastHash !== previous.hash)) {
    return report({ id: null, number: null, chainPosition: (previous.position + 1n).toString(), problem: "missing_entries" });
  }
  return report(null);
}

function chained(row: EntryRow): ChainedEntry {
  return {
    id: row.id,
    organizationId: row.organizationId,
    number: row.number ?? "",
    fiscalYear: row.fiscalYear ?? 0,
    entryDate: isoDay(row.entryDate),
    memo: row.memo,
    reference: row.reference,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    reversalOfEntryId: row.reversalOfEntryId,
    baseCurrency: row.baseCurrency,
    baseTotalDebit: row.baseTotalDebit,
    baseTotalCredit: row.baseTotalCredit,
    chainPosition: row.chainPosition ?? 0n,
    postedAt: row.postedAt ?? new Date(0),
    postedBy: row.postedBy ?? "",
    previousHash: row.previousHash,
    hash: row.hash ?? "",
    lines: row.lines.map((line) => ({ ...line, exchangeRate: line.exchangeRate ?? new Decimal(0) })),
  };
}
