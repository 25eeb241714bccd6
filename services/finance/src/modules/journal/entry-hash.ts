/**
 * Tamper evidence: each posted entry's SHA-256 hash is taken over a canonical text of the entry,
 * its lines and the hash of the organization's previous posted entry, so changing, removing or
 * reordering any posted row breaks the chain from that entry on. Pure: the same rows always give
 * the same text, whatever form the amounts were written in (they are printed at their column's scale).
 */
import { createHash } from "node:crypto";
import type { Decimal } from "@erp/money";

/** Version of the canonical form; a new form would be a new version, the old one still verifiable. */
export const HASH_VERSION = 1;

export interface HashedLine {
  lineNumber: number;
  accountId: string;
  description: string | null;
  debit: Decimal;
  credit: Decimal;
  currency: string;
  exchangeRate: Decimal;
  baseDebit: Decimal;
  baseCredit: Decimal;
  partyType: string | null;
  partyId: string | null;
  isRounding: boolean;
}

export interface HashedEntry {
  id: string;
  organizationId: string;
  number: string;
  fiscalYear: number;
  /** `YYYY-MM-DD` */
  entryDate: string;
  memo: string | null;
  reference: string | null;
  sourceType: string | null;
  sourceId: string | null;
  reversalOfEntryId: string | null;
  baseCurrency: string;
  baseTotalDebit: Decimal;
  baseTotalCredit: Decimal;
  chainPosition: bigint;
  postedAt: Date;
  postedBy: string;
  /** The organization's previous posted entry's hash; null for its first. */
  previousHash: string | null;
  lines: HashedLine[];
}

const AMOUNT_SCALE = 4;
const RATE_SCALE = 10;

/** The canonical text: JSON with a fixed key order, decimals at their column's scale, lines by number. */
export function canonicalEntry(entry: HashedEntry): string {
  const lines = [...entry.lines]
    .sort((a, b) => a.lineNumber - b.lineNumber)
    .map((line) => ({
      lineNumber: line.lineNumber,
      accountId: line.accountId,
      description: line.description,
      debit: line.debit.toFixed(AMOUNT_SCALE),
      credit: line.credit.toFixed(AMOUNT_SCALE),
      currency: line.currency,
      exchangeRate: line.exchangeRate.toFixed(RATE_SCALE),
      baseDebit: line.baseDebit.toFixed(AMOUNT_SCALE),
      baseCredit: line.baseCredit.toFixed(AMOUNT_SCALE),
      partyType: line.partyType,
      partyId: line.partyId,
      isRounding: line.isRounding,
    }));
  return JSON.stringify({
    v: HASH_VERSION,
    id: entry.id,
    organizationId: entry.organizationId,
    number: entry.number,
    fiscalYear: entry.fiscalYear,
    entryDate: entry.entryDate,
    memo: entry.memo,
    reference: entry.reference,
    sourceType: entry.sourceType,
    sourceId: entry.sourceId,
    reversalOfEntryId: entry.reversalOfEntryId,
    baseCurrency: entry.baseCurrency,
    baseTotalDebit: entry.baseTotalDebit.toFixed(AMOUNT_SCALE),
    baseTotalCredit: entry.baseTotalCredit.toFixed(AMOUNT_SCALE),
    chainPosition: entry.chainPosition.toString(),
    postedAt: entry.postedAt.toISOString(),
    postedBy: entry.postedBy,
    previousHash: entry.previousHash,
    lines,
  });
}

/** SHA-256 of the canonical text, lower-case hex (64 characters). */
export function entryHash(entry: HashedEntry): string {
  return createHash("sha256").update(canonicalEntry(entry), "utf8").digest("hex");
}

/** Why a posted entry fails the chain. */
export type ChainBreak = "hash_mismatch" | "previous_hash_mismatch" | "position_gap";

export interface ChainedEntry extends HashedEntry {
  hash: string;
}

/**
 * Walks entries in chain order from `previous` (the last verified entry's hash and position; null
 * and 0 at the start) and returns the first that does not verify, with why; null when all do.
 */
export function firstChainBreak(
  entries: ChainedEntry[],
  previous: { hash: string | null; position: bigint },
): { entry: ChainedEntry; problem: ChainBreak } | null {
  let { hash, position } = previous;
  for (const entry of entries) {
    if (entry.chainPosition !== position + 1n) return { entry, problem: "position_gap" };
    if (entry.previousHash !== hash) return { entry, problem: "previous_hash_mismatch" };
    if (entryHash(entry) !== entry.hash) return { entry, problem: "hash_mismatch" };
    hash = entry.hash;
    position = entry.chainPosition;
  }
  return null;
}
