/**
 * CSV exports, streamed: records are read in batches and each batch is written out before the
 * next is read, so an export of 100,000 rows holds one batch in memory, not the file.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { LIST_SEPARATOR, valueAt, type CsvColumn } from "./csv-columns";
import { neutraliseCell } from "./formula-cells";

/** One page of a list: its records (the API shape) and the cursor of the next page, null at the end. */
export interface CsvPage {
  data: readonly object[];
  nextCursor: string | null;
}

/** The export's destination (an HTTP client) went away before the end: nothing is left to answer. */
export class CsvDestinationClosed extends Error {
  constructor() {
    super("The CSV export's destination was closed");
    this.name = "CsvDestinationClosed";
  }
}

/** What an export wrote. */
export interface CsvExportResult {
  rows: number;
  batches: number;
}

/**
 * The batches of a cursor-paged list: `fetchPage(undefined)` first, then each page's `nextCursor`
 * until it is null. Give each page its own short transaction, so a long export holds none open.
 */
export async function* cursorBatches(fetchPage: (cursor: string | undefined) => Promise<CsvPage>): AsyncGenerator<readonly object[]> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** The CSV text of the header row. */
export function csvHeader(columns: readonly CsvColumn[]): string {
  return stringify([columns.map((column) => column.header)]);
}

/** The CSV text of `records` (API shapes), one line each, every cell neutralised (see formula-cells). */
export function csvRows(columns: readonly CsvColumn[], records: readonly object[]): string {
  return stringify(records.map((record) => columns.map((column) => exportCell(valueAt(record, column.path)))));
}

/**
 * Writes the header and then each batch to `out` as it arrives, waiting for `out` to drain when
 * it asks to (a slow client slows the reading down instead of filling memory). The first batch
 * is read before anything is written, so a failing first query can still be answered as an error.
 * Does not end `out`. Rejects with the batch source's error, or `CsvDestinationClosed` when `out` is closed early.
 */
export async function writeCsv(out: Writable, columns: readonly CsvColumn[], batches: AsyncIterable<readonly object[]>): Promise<CsvExportResult> {
  const result: CsvExportResult = { rows: 0, batches: 0 };
  let closed = false;
  const onClose = () => (closed = true);
  out.once("close", onClose);
  try {
    let pending: string | undefined = csvHeader(columns);
    for await (const batch of batches) {
      result.batches += 1;
      result.rows += batch.length;
      await write(out, (pending ?? "") + csvRows(columns, batch), () => closed);
      pending = undefined;
    }
    if (pending !== undefined) await write(out, pending, () => closed);
    return result;
  } finally {
    out.off("close", onClose);
  }
}

async function write(out: Writable, chunk: string, isClosed: () => boolean): Promise<void> {
  if (chunk === "") return;
  if (isClosed() || out.destroyed) throw new CsvDestinationClosed();
  if (out.write(chunk)) return;
  // `close` too: a client that goes away never drains.
  const waiting = new AbortController();
  try {
    await Promise.race([once(out, "drain", { signal: waiting.signal }), once(out, "close", { signal: waiting.signal })]);
  } finally {
    waiting.abort();
  }
  if (isClosed() || out.destroyed) throw new CsvDestinationClosed();
}

function exportCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return neutraliseCell(Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value));
}
