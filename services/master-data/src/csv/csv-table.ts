/**
 * CSV export and import of a resource: each column maps to a path in the resource's API shape, so
 * an import row becomes the same input the JSON API validates, and its errors name the column.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { z } from "@erp/http-kit";

export interface CsvColumn {
  header: string;
  /** Where the value lives in the API shape: `["billingAddress", "city"]`. */
  path: readonly string[];
  /** `list`: values joined with `;`; `integer`: a whole number; `text` (default) otherwise. */
  kind?: "text" | "list" | "integer";
}

/** One problem in an import; `row` is the line number in the file (the header is line 1). */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

export interface CsvRecord<T> {
  row: number;
  input: T;
}

export const MAX_IMPORT_ROWS = 5000;
const LIST_SEPARATOR = ";";
// A cell starting with one of these runs as a formula in spreadsheet programs.
const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(columns: readonly CsvColumn[], records: readonly object[]): string {
  const rows = records.map((record) => columns.map((column) => exportCell(column, valueAt(record, column.path))));
  return stringify([columns.map((column) => column.header), ...rows]);
}

/** Reads every row into a validated input, or says what is wrong with each row and column. */
export function readCsv<S extends z.ZodType>(
  text: string,
  columns: readonly CsvColumn[],
  schema: S,
): { records: CsvRecord<z.output<S>>[]; errors: RowError[] } {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: false });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { records: [], errors: [{ row: line, field: "", message: `Malformed CSV: ${(err as Error).message}` }] };
  }
  const [header = [], ...data] = rows;
  const known = new Map(columns.map((column) => [column.header, column]));
  const headerErrors: RowError[] = header
    .filter((name) => !known.has(name))
    .map((name) => ({ row: 1, field: name, message: "Unknown column" }));
  if (header.length === 0) headerErrors.push({ row: 1, field: "", message: "The file has no header row" });
  if (data.length > MAX_IMPORT_ROWS) headerErrors.push({ row: 1, field: "", message: `At most ${MAX_IMPORT_ROWS} rows per import` });
  if (headerErrors.length > 0) return { records: [], errors: headerErrors };

  const records: CsvRecord<z.output<S>>[] = [];
  const errors: RowError[] = [];
  data.forEach((cells, index) => {
    const row = index + 2;
    const input: Record<string, unknown> = {};
    header.forEach((name, position) => {
      const column = known.get(name) as CsvColumn;
      const cell = cells[position] ?? "";
      if (cell !== "") setAt(input, column.path, importCell(column, cell));
    });
    const parsed = schema.safeParse(input);
    if (parsed.success) records.push({ row, input: parsed.data });
    else errors.push(...parsed.error.issues.map((issue) => ({ row, field: fieldOf(issue.path, columns), message: issue.message })));
  });
  return { records, errors };
}

function exportCell(column: CsvColumn, value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value);
  return column.kind !== "integer" && FORMULA_START.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
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

function valueAt(record: object, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), record);
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const last = path.length - 1;
  let node = target;
  path.forEach((key, index) => {
    if (index === last) node[key] = value;
    else node = (node[key] ??= {}) as Record<string, unknown>;
  });
}
