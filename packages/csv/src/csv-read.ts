/**
 * Reading an uploaded CSV file into validated inputs: the delimiter is detected from the header,
 * each row becomes the input the JSON API would get, and every problem names its row and column.
 */
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { LIST_SEPARATOR, setAt, type CsvColumn } from "./csv-columns";
import { restoreCell } from "./formula-cells";

/** One problem in an import; `row` is the line number in the file (the header is line 1). */
export interface RowError {
  row: number;
  /** The column's header; `""` for the whole row or file. */
  field: string;
  message: string;
}

/** A valid row: its line, its input, and the top-level input fields the file has columns for. */
export interface CsvRecord<T> {
  row: number;
  input: T;
}

export type CsvDelimiter = "comma" | "semicolon" | "tab";

const DELIMITERS: Record<CsvDelimiter, string> = { comma: ",", semicolon: ";", tab: "\t" };

export const MAX_IMPORT_ROWS = 5000;

export interface CsvReadResult<T> {
  delimiter: CsvDelimiter;
  records: CsvRecord<T>[];
  errors: RowError[];
  /** Rows with data in the file (valid or not), the header not counted. */
  rowCount: number;
  /** The top-level fields of the API shape the file's columns set (`billingAddress` for `billingCity`). */
  fields: ReadonlySet<string>;
}

/**
 * The delimiter of the header line (outside quotes): the most frequent of comma, semicolon and
 * tab; comma when there is none (a one-column file) or a tie with it.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { comma: 0, semicolon: 0, tab: 0 };
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, "")) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") counts.comma += 1;
    else if (!quoted && char === ";") counts.semicolon += 1;
    else if (!quoted && char === "\t") counts.tab += 1;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), "comma");
  return best;
}

/** Reads every row into a validated input, or says what is wrong with each row and column. */
export function readCsv<S extends z.ZodType>(text: string, columns: readonly CsvColumn[], schema: S): CsvReadResult<z.output<S>> {
  const delimiter = detectDelimiter(text);
  const empty = { delimiter, records: [], rowCount: 0, fields: new Set<string>() };
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: DELIMITERS[delimiter], skip_empty_lines: true, trim: true, bom: true, relax_column_count: false });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { ...empty, errors: [{ row: line, field: "", message: `Malformed CSV: ${(err as Error).message}` }] };
  }
  const [header = [], ...data] = rows;
  const known = new Map(columns.map((column) => [column.header, column]));
  const headerErrors: RowError[] = header
    .filter((name) => !known.has(name))
    .map((name) => ({ row: 1, field: name, message: "Unknown column" }));
  const repeated = header.filter((name, index) => header.indexOf(name) !== index);
  headerErrors.push(...[...new Set(repeated)].map((name) => ({ row: 1, field: name, message: "Column given more than once" })));
  if (header.length === 0) headerErrors.push({ row: 1, field: "", message: "The file has no header row" });
  if (data.length > MAX_IMPORT_ROWS) headerErrors.push({ row: 1, field: "", message: `At most ${MAX_IMPORT_ROWS} rows per import` });
  if (headerErrors.length > 0) return { ...empty, rowCount: data.length, errors: headerErrors };

  const headerColumns = header.map((name) => known.get(name) as CsvColumn);
  const records: CsvRecord<z.output<S>>[] = [];
  const errors: RowError[] = [];
  data.forEach((cells, index) => {
    const row = index + 2;
    const input: Record<string, unknown> = {};
    headerColumns.forEach((column, position) => {
      const cell = restoreCell(cells[position] ?? "");
      if (cell !== "") setAt(input, column.path, importCell(column, cell));
    });
    const parsed = schema.safeParse(input);
    if (parsed.success) records.push({ row, input: parsed.data });
    else errors.push(...parsed.error.issues.map((issue) => ({ row, field: fieldOf(issue.path, columns), message: issue.message })));
  });
  const fields = new Set(headerColumns.map((column) => column.path[0] as string));
  return { delimiter, records, errors, rowCount: data.length, fields };
}

function importCell(column: CsvColumn, cell: string): unknown {
  if (column.kind === "list") return cell.split(LIST_SEPARATOR).map((item) => item.trim()).filter(Boolean);
  if (column.kind === "integer" && /^-?\d+$/.test(cell)) return Number(cell);
  return cell;
}

function fieldOf(path: readonly PropertyKey[], columns: readonly CsvColumn[]): string {
  const dotted = path.map(String).join(".");
  const column = columns.find((c) => dotted === c.path.join(".") || dotted.startsWith(`${c.path.join(".")}.`));
  return column?.header ?? dotted;
}
