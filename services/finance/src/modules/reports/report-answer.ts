/** How a report route answers: JSON, or CSV when the request asks for it (`format=csv`, or `Accept: text/csv`). */
import { sendCsv, type CsvColumn } from "@erp/csv";
import type { ServerResponse } from "node:http";

/** What content negotiation needs of a request (Express's `req.accepts`). */
export interface Negotiable {
  accepts(types: string[]): string | false;
}

/** CSV when `format=csv`, or when no format is given and the client prefers text/csv to JSON. */
export function wantsCsv(req: Negotiable, format: "json" | "csv" | undefined): boolean {
  if (format !== undefined) return format === "csv";
  return req.accepts(["application/json", "text/csv"]) === "text/csv";
}

async function* once(rows: readonly object[]): AsyncGenerator<readonly object[]> {
  yield rows;
}

/**
 * Returns `report` for the route to answer as JSON, or sends it as the CSV file `fileName` made of
 * `rows(report)` and returns undefined.
 */
export async function answerReport<T>(
  ctx: { req: Negotiable; res: ServerResponse },
  format: "json" | "csv" | undefined,
  report: T,
  csv: { fileName: string; columns: CsvColumn[]; rows: (report: T) => object[] },
): Promise<T | undefined> {
  if (!wantsCsv(ctx.req, format)) return report;
  await sendCsv(ctx.res, csv.fileName, csv.columns, once(csv.rows(report)));
  return undefined;
}
