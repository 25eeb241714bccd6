/** A CSV export as an HTTP response (node:http, so any framework's response will do). */
import type { ServerResponse } from "node:http";
import type { CsvColumn } from "./csv-columns";
import { CsvDestinationClosed, writeCsv } from "./csv-export";

/**
 * Answers with `fileName` as a `text/csv` attachment, streamed batch by batch (see `writeCsv`).
 * The headers are only set, not sent, until the first batch has been read: when reading it fails,
 * the error handler can still answer in JSON. A failure later aborts the response, so the client
 * sees an incomplete transfer rather than a shorter file. A client that goes away ends the export
 * quietly.
 */
export async function sendCsv(
  res: ServerResponse,
  fileName: string,
  columns: readonly CsvColumn[],
  batches: AsyncIterable<readonly object[]>,
): Promise<void> {
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`);
  try {
    await writeCsv(res, columns, batches);
    res.end();
  } catch (err) {
    if (err instanceof CsvDestinationClosed) return;
    if (res.headersSent) res.destroy(err as Error);
    throw err;
  }
}
