/**
 * All-or-nothing CSV import of one resource, in the caller's transaction: every row is validated
 * (schema, its key repeated in the file or, when creating, already taken, references) before
 * anything is written. A dry run reports what each row would do and writes nothing.
 *
 * Keys (codes, SKUs) match ignoring case and surrounding whitespace, as the database's unique
 * index on `lower(btrim(key))` does. When the export writes the records' ids (`spec.id`), a row's
 * id matches first and its key only when the id is none of the organization's (a row without a
 * key, or from another organization's file, then still round-trips or becomes a new record).
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
    /**
     * Default true: one record per key (a repeated key in the file is an error, and in upsert mode a
     * row matched by its id may not take another record's key). false: records may share it (a
     * lead's email): in create mode it matches nothing, and in upsert mode a row whose key several
     * records have is refused (it must give the id).
     */
    unique?: boolean;
  };
  /**
   * The records' own ids, for files the export wrote (it carries an id column). A row whose id is
   * one of the organization's records matches that record whatever its key: in create mode it is
   * an error (the record exists), in upsert mode an update. An id `find` does not return (another
   * organization's, a deleted record's) is ignored: the row matches by its key, or is created.
   * `create` never writes the id: a created record gets a new one.
   */
  id?: {
    /** Its column header: `id`. */
    column: string;
    /** Its value in a row; undefined when the row has none. */
    of: (input: z.output<S>) => string | undefined;
    /** The organization's records whose id is one of `ids` (ids it does not have are left out). */
    find: (tx: Tx, ids: string[]) => Promise<Existing[]>;
    /** An existing record's id. */
    idOf: (existing: Existing) => string;
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
    /** Why the row may not make these changes to `existing` (a read-only record), reported as its error; undefined when it may. */
    refuse?: (existing: Existing, input: z.output<S>, changedFields: string[]) => string | undefined;
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
  const existing = { byKey: await existingByKey(tx, spec, records), byId: await existingById(tx, spec, records) };
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
): Promise<Map<string, Existing[]>> {
  const keys = [...new Set(records.flatMap((record) => spec.key.of(record.input) ?? []))];
  const byKey = new Map<string, Existing[]>();
  if (keys.length === 0) return byKey;
  for (const record of await spec.key.find(tx, keys)) {
    const key = normaliseKey(spec.key.keyOf(record));
    byKey.set(key, [...(byKey.get(key) ?? []), record]);
  }
  return byKey;
}

async function existingById<S extends z.ZodType, Tx, Existing>(
  tx: Tx,
  spec: CsvImportSpec<S, Tx, Existing>,
  records: CsvRecord<z.output<S>>[],
): Promise<Map<string, Existing>> {
  const { id } = spec;
  const ids = id ? [...new Set(records.flatMap((record) => id.of(record.input) ?? []).map(normaliseKey))] : [];
  if (!id || ids.length === 0) return new Map();
  return new Map((await id.find(tx, ids)).map((record) => [normaliseKey(id.idOf(record)), record]));
}

interface PlannedRow<T, Existing> {
  outcome: ImportRowOutcome;
  input: T;
  match?: Existing;
}

function plan<S extends z.ZodType, Tx, Existing>(
  spec: CsvImportSpec<S, Tx, Existing>,
  records: CsvRecord<z.output<S>>[],
  existing: { byKey: Map<string, Existing[]>; byId: Map<string, Existing> },
  fields: ReadonlySet<string>,
): { rows: PlannedRow<z.output<S>, Existing>[]; errors: RowError[] } {
  const rows: PlannedRow<z.output<S>, Existing>[] = [];
  const errors: RowError[] = [];
  const firstKeyRow = new Map<string, number>();
  const firstIdRow = new Map<string, number>();
  const matchedOnRow = new Map<string, number>();
  const { label, column: keyColumn } = spec.key;
  const unique = spec.key.unique !== false;
  const idColumn = spec.id?.column ?? keyColumn;
  /** Who a record is: its id, or else its key. */
  const identity = (record: Existing) => (spec.id ? normaliseKey(spec.id.idOf(record)) : normaliseKey(spec.key.keyOf(record)));
  const fail = (row: number, field: string, message: string) => {
    errors.push({ row, field, message });
  };

  for (const { row, input } of records) {
    const id = spec.id?.of(input);
    if (id !== undefined) {
      const first = firstIdRow.get(normaliseKey(id));
      if (first !== undefined) {
        fail(row, idColumn, `${label} ${id} is repeated (first on row ${first})`);
        continue;
      }
      firstIdRow.set(normaliseKey(id), row);
    }
    const key = spec.key.of(input);
    const normalised = key === undefined ? undefined : normaliseKey(key);
    if (normalised !== undefined && unique) {
      const first = firstKeyRow.get(normalised);
      if (first !== undefined) {
        fail(row, keyColumn, `${label} ${key} is repeated (first on row ${first})`);
        continue;
      }
      firstKeyRow.set(normalised, row);
    }
    const byId = id === undefined ? undefined : existing.byId.get(normaliseKey(id));
    const holders = normalised === undefined || (!unique && spec.mode === "create") ? [] : (existing.byKey.get(normalised) ?? []);
    let match = byId;
    if (byId && unique && holders.some((holder) => identity(holder) !== identity(byId))) {
      fail(row, keyColumn, `${label} ${key} belongs to another record`);
      continue;
    }
    if (!match && holders.length > 1) {
      fail(row, keyColumn, `${label} ${key} matches ${holders.length} records: give the ${idColumn} of the one to update`);
      continue;
    }
    match ??= holders[0];
    /** What the report calls the row: its key as written, else the id it matched. */
    const shown = key ?? (byId ? (id ?? null) : null);
    if (!match) {
      rows.push({ outcome: { row, action: "create", key: shown }, input });
      continue;
    }
    const field = byId ? idColumn : keyColumn;
    const first = matchedOnRow.get(identity(match));
    if (first !== undefined) {
      fail(row, field, `${label} ${shown ?? ""}: row ${first} already matches this record`);
      continue;
    }
    matchedOnRow.set(identity(match), row);
    if (spec.mode === "create" || !spec.update) {
      fail(row, field, `${label} ${byId ? id : spec.key.keyOf(match)} already exists`);
      continue;
    }
    const changedFields = spec.update.changes(match, input, fields);
    const refusal = changedFields.length > 0 ? spec.update.refuse?.(match, input, changedFields) : undefined;
    if (refusal !== undefined) {
      fail(row, "", refusal);
      continue;
    }
    const outcome: ImportRowOutcome =
      changedFields.length > 0 ? { row, action: "update", key: shown, changedFields } : { row, action: "unchanged", key: shown };
    rows.push({ outcome, input, match });
  }
  return { rows, errors };
}
