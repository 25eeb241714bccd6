/**
 * The documents' and payments' gap-free number series: one counter row per organization, series
 * and fiscal year (`document_number_counters`), raised in the transaction that numbers the
 * document. The row stays locked until that transaction ends, so concurrent numberings queue and a
 * rolled-back one gives its number back: numbers are gap-free (`INV-2026-0001`, `INV-2026-0002`, …).
 */
import type { Tx } from "../../db";

/** The series: invoices, credit notes, bills, payments received (receipts) and made, expenses and other revenue. */
export type DocumentSeries = "INV" | "CN" | "BILL" | "RCPT" | "PAY" | "EXP" | "REV" | "TRF" | "RMB";

/** A document's number and its place in the series (`sequence`, from 1). */
export interface DocumentNumber {
  number: string;
  sequence: number;
}

/** `INV-2026-0001`: the series, the fiscal year and the sequence padded to 4 digits (more when it grows past 9999). */
export function formatDocumentNumber(series: DocumentSeries, fiscalYear: number, sequence: number): string {
  return `${series}-${fiscalYear}-${String(sequence).padStart(4, "0")}`;
}

/**
 * Takes the next number of `series` in `fiscalYear` for the organization, in `tx`: the counter row
 * is created or raised in one statement and stays locked until `tx` ends (take it after the
 * document rows, before posting: see the lock order in the module README).
 */
export async function nextDocumentNumber(tx: Tx, organizationId: string, series: DocumentSeries, fiscalYear: number): Promise<DocumentNumber> {
  const [row] = await tx.$queryRaw<{ last_number: number }[]>`
    INSERT INTO document_number_counters AS c (organization_id, series, fiscal_year, last_number)
    VALUES (${organizationId}::uuid, ${series}, ${fiscalYear}, 1)
    ON CONFLICT (organization_id, series, fiscal_year) DO UPDATE SET last_number = c.last_number + 1
    RETURNING last_number`;
  if (!row) throw new Error(`no number taken in series ${series} ${fiscalYear}`);
  const sequence = Number(row.last_number);
  return { number: formatDocumentNumber(series, fiscalYear, sequence), sequence };
}
