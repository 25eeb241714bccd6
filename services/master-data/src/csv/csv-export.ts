/** Every record of a list's filters as CSV, fetched page by page with the list's own cursors. */
import { keysetPage, listWindow, type ListWindow, type SortValue } from "@erp/http-kit";
import { toCsv, type CsvColumn } from "./csv-table";

const BATCH = 200;

export async function exportCsv<R extends { id: string }, F extends string>(
  columns: readonly CsvColumn[],
  sort: SortValue<F>,
  /** One page in its own short transaction: a large export never holds one long transaction open. */
  fetch: (window: ListWindow<F>) => Promise<R[]>,
  toRecord: (row: R) => object,
): Promise<string> {
  const records: object[] = [];
  let cursor: string | undefined;
  do {
    const window = listWindow<F>({ sort, limit: BATCH, cursor });
    const page = keysetPage(await fetch(window), window, toRecord);
    records.push(...page.data);
    cursor = page.page.nextCursor ?? undefined;
  } while (cursor);
  return toCsv(columns, records);
}
