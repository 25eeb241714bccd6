/**
 * All-or-nothing CSV import of one resource: every row is validated (schema, its unique key
 * repeated in the file or already taken) before anything is written. A dry run only reports.
 */
import { z } from "@erp/http-kit";
import type { MasterDataDb, Tx } from "../db";
import { readCsv, type CsvColumn, type RowError } from "./csv-table";
import { importInvalidRows } from "./csv.errors";

export interface ImportReport {
  dryRun: boolean;
  rowCount: number;
  imported: number;
  errors: RowError[];
}

/** The query and response of every import route. */
export const importQuery = z.object({
  dryRun: z.enum(["true", "false"]).default("false").describe("true: validate and report only, write nothing"),
});

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  rowCount: z.number().int(),
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});

export const IMPORT_DESCRIPTION =
  "A text/csv body with a header row (the export's columns). With dryRun=true, reports row errors and writes nothing; " +
  "otherwise imports every row in one transaction, or nothing and 422 with the row errors (path rows.<line>.<column>).";

export interface CsvImport<S extends z.ZodType> {
  csv: string;
  dryRun: boolean;
  columns: readonly CsvColumn[];
  /** The create schema of the JSON API: a row is valid exactly when the same body would be. */
  schema: S;
  /** The per-organization unique key (code, SKU): its column, its value in a row, which values exist. */
  key: {
    column: string;
    label: string;
    of: (input: z.output<S>) => string | undefined;
    taken: (tx: Tx, values: string[]) => Promise<string[]>;
  };
  /** Row errors for references to other records (a category...) that do not exist in the organization. */
  references?: (tx: Tx, records: { row: number; input: z.output<S> }[]) => Promise<RowError[]>;
  /** Creates one record (and its event) inside the import's transaction. */
  insert: (tx: Tx, input: z.output<S>) => Promise<unknown>;
}

export async function importCsv<S extends z.ZodType>(db: MasterDataDb, organizationId: string, spec: CsvImport<S>): Promise<ImportReport> {
  const { records, errors } = readCsv(spec.csv, spec.columns, spec.schema);
  const rowCount = records.length + new Set(errors.filter((e) => e.row > 1).map((e) => e.row)).size;

  return db.withOrganization(organizationId, async (tx) => {
    errors.push(...(await keyConflicts(tx, spec, records)));
    if (spec.references) errors.push(...(await spec.references(tx, records)));
    errors.sort((a, b) => a.row - b.row);
    if (spec.dryRun) return { dryRun: true, rowCount, imported: 0, errors };
    if (errors.length > 0) {
      throw importInvalidRows(errors.map((e) => ({ path: `rows.${e.row}.${e.field}`, message: e.message })));
    }
    for (const record of records) await spec.insert(tx, record.input);
    return { dryRun: false, rowCount, imported: records.length, errors };
  });
}

async function keyConflicts<S extends z.ZodType>(tx: Tx, spec: CsvImport<S>, records: { row: number; input: z.output<S> }[]): Promise<RowError[]> {
  const keyed = records.flatMap((record) => {
    const value = spec.key.of(record.input);
    return value === undefined ? [] : [{ row: record.row, value }];
  });
  if (keyed.length === 0) return [];
  const taken = new Set(await spec.key.taken(tx, keyed.map((k) => k.value)));
  const firstRow = new Map<string, number>();
  return keyed.flatMap(({ row, value }) => {
    const first = firstRow.get(value);
    if (first === undefined) firstRow.set(value, row);
    const field = spec.key.column;
    if (taken.has(value)) return [{ row, field, message: `${spec.key.label} ${value} already exists` }];
    if (first !== undefined) return [{ row, field, message: `${spec.key.label} ${value} is repeated (first on row ${first})` }];
    return [];
  });
}
