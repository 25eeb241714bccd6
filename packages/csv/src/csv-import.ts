/**
 * All-or-nothing CSV import of one resource, in the caller's transaction: every row is validated
 * (schema, its key repeated in the file or, when creating, already taken, references) before
 * anything is written. A dry run reports what each row would do and writes nothing.
 *
 * Keys (codes, SKUs) match ignoring case and surrounding whitespace, as the database's unique
 * index on `lower(btrim(key))` does.
 */
import type { ErrorDetail } from "@erp/errors";
import type { z } from "zod";
import type { CsvColumn } from "./csv-columns";
import { readCsv, type CsvDelimiter, type CsvRecord, type RowError } from "./csv-read";
import { importInvalidRows } from "./csv.errors";

/** `create`: every row is a new record (a taken key is an error); `upsert`: a row whose key exists updates that record. */
export type ImportMode = "create" | "upsert";
/** What a row does (dry run: would do). */
export type RowAction = "create" | "update" | "unchanged";

export interface ImportRowOutcome {
  row: number;
  action: RowAction;
  /** The row's key (code, SKU) as written in the file; null when the row gives none (generated). */
  key: string | null;
  /** For `update`: the fields that change. */
  changedFields?: string[];
}

export interface ImportReport {
  dryRun: boolean;
  mode: ImportMode;
  /** The delimiter detected from the header. */
  delimiter: CsvDelimiter;
  /** Rows with data in the file, the header not counted. */
  rowCount: number;
  /** Rows written: 0 in a dry run. */
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  /** One entry per valid row, in file order (all rows are valid when anything is written). */
  rows: ImportRowOutcome[];
  /** The same details a refused import's 422 carries: `{ path: "rows.<line>.<column>", message }`. */
  errors: ErrorDetail[];
}

export interface CsvImportSpec<S extends z.ZodType, Tx, Existing> {
  /** The file's text. */
  csv: string;
  dryRun: boolean;
  mode: ImportMode;
  columns: readonly CsvColumn[];
  /** The create schema of the JSON API: a row is valid exactly when the same body would be. */
  schema: S;
  /** The per-organization unique key (code, SKU). */
  key: {
    /** Its column header: `code`. */
    column: string;
    /** Its name in messages: `Customer code`. */
    label: string;
    /** Its value in a row; undefined when the row has none (the code is then generated). */
    of: (input: z.output<S>) => string | undefined;
    /** The existing records whose key equals one of `keys` ignoring case and surrounding whitespace. */
    find: (tx: Tx, keys: string[]) => Promise<Existing[]>;
    /** An existing record's key. */
    keyOf: (existing: Existing) => string;
  };
  /** Row errors for references to other records (a category...) that do not exist in the organization. */
  references?: (tx: Tx, records: CsvRecord<z.output<S>>[]) => Promise<RowError[]>;
  /** Creates one record (and its event) in the import's transaction. */
  create: (tx: Tx, input: z.output<S>) => Promise<unknown>;
  /**
   * Required for `upsert`. `fields` are the input's top-level fields the file has columns for:
   * only those are written. `changes` says what writing the row over `existing` would change
   * (none: unchanged); `apply` writes it (and its event), called only when something changes.
   */
  update?: {
    changes: (existing: Existing, input: z.output<S>, fields: ReadonlySet<string>) => string[];
    apply: (tx: Tx, existing: Existing, input: z.output<S>, fields: ReadonlySet<string>) => Promise<unknown>;
  };
}

/** `rows.<line>.<column>`, or `rows.<line>` for a problem with a whole row. */
export function rowErrorDetail(error: RowError): ErrorDetail {
  return { path: error.field ? `rows.${error.row}.${error.field}` : `rows.${error.row}`, message: error.message };
}

/** The key as the database compares it. */
export const normaliseKey = (key: string) => key.trim().toLowerCase();

/**
 * Validates every row and, unless a dry run, writes them all in `tx`.
 * @throws AppError 422 IMPORT_INVALID_ROWS (details as in the report's `errors`) when a real
 *   import has any invalid row; nothing is written then.
 * @throws Error when `mode` is `upsert` and the spec has no `update` (a bug in the caller)
 */
export async function importCsv<S extends z.ZodType, Tx, Existing>(tx: Tx, spec: CsvImportSpec<S, Tx, Existing>): Promise<ImportReport> {
  if (spec.mode === "upsert" && !spec.update) throw new Error(`${spec.key.label}: this import cannot update existing records`);
  const { records, errors, delimiter, rowCount, fields } = readCsv(spec.csv, spec.columns, spec.schema);
  const existing = await existingByKey(tx, spec, records);
  const planned = plan(spec, records, existing, fields);
  errors.push(...planned.errors);
  if (spec.references) errors.push(...(await spec.references(tx, records)));
  errors.sort((a, b) => a.row - b.row);

  const count = (action: RowAction) => planned.rows.filter((row) => row.outcome.action === action).length;
  const report: ImportReport = {
    dryRun: spec.dryRun,
    mode: spec.mode,
    delimiter,
    rowCount,
    imported: 0,
    created: count("create"),
    updated: count("update"),
    unchanged: count("unchanged"),
    rows: planned.rows.map((row) => row.outcome),
    errors: errors.map(rowErrorDetail),
  };
  if (spec.dryRun) return report;
  if (errors.length > 0) throw importInvalidRows(report.errors);

  for (const { outcome, input, match } of planned.rows) {
    if (outcome.action === "create") await spec.create(tx, input);
    else if (outcome.action === "update" && match && spec.update) await spec.update.apply(tx, match, input, fields);
  }
  return { ...report, imported: report.created + report.updated };
}

async function existingByKey<S extends z.ZodType, Tx, Existing>(
  tx: Tx,
  spec: CsvImportSpec<S, Tx, Existing>,
  records: CsvRecord<z.output<S>>[],
): Promise<Map<string, Existing>> {
  const keys = [...new Set(records.flatMap((record) => spec.key.of(record.input) ?? []))];
  if (keys.length === 0) return new Map();
  const found = await spec.key.find(tx, keys);
  return new Map(found.map((record) => [normaliseKey(spec.key.keyOf(record)), record]));
}

interface PlannedRow<T, Existing> {
  outcome: ImportRowOutcome;
  input: T;
  match?: Existing;
}

function plan<S extends z.ZodType, Tx, Existing>(
  spec: CsvImportSpec<S, Tx, Existing>,
  records: CsvRecord<z.output<S>>[],
  existing: Map<string, Existing>,
  fields: ReadonlySet<string>,
): { rows: PlannedRow<z.output<S>, Existing>[]; errors: RowError[] } {
  const rows: PlannedRow<z.output<S>, Existing>[] = [];
  const errors: RowError[] = [];
  const firstRow = new Map<string, number>();
  const field = spec.key.column;
  for (const { row, input } of records) {
    const key = spec.key.of(input);
    if (key === undefined) {
      rows.push({ outcome: { row, action: "create", key: null }, input });
      continue;
    }
    const normalised = normaliseKey(key);
    const first = firstRow.get(normalised);
    if (first !== undefined) {
      errors.push({ row, field, message: `${spec.key.label} ${key} is repeated (first on row ${first})` });
      continue;
    }
    firstRow.set(normalised, row);
    const match = existing.get(normalised);
    if (!match) {
      rows.push({ outcome: { row, action: "create", key }, input });
    } else if (spec.mode === "create" || !spec.update) {
      errors.push({ row, field, message: `${spec.key.label} ${spec.key.keyOf(match)} already exists` });
    } else {
      const changedFields = spec.update.changes(match, input, fields);
      const outcome: ImportRowOutcome =
        changedFields.length > 0 ? { row, action: "update", key, changedFields } : { row, action: "unchanged", key };
      rows.push({ outcome, input, match });
    }
  }
  return { rows, errors };
}
