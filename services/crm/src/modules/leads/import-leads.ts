/**
 * Imports leads from CSV, all or nothing (see @erp/csv's importCsv). Leads have no key (the same
 * person may come in twice): every row is a new lead, so only mode=create exists.
 */
import { importCsv, type ImportReport } from "@erp/csv";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { createLead } from "./create-lead";
import { leadCsvColumns } from "./lead-csv";
import { createLeadBody } from "./lead.schemas";

/** @throws AppError 422 IMPORT_INVALID_ROWS when any row is invalid (not for a dry run, which reports them) */
export function importLeads(tx: Tx, scope: Scope, input: { csv: string; dryRun: boolean }): Promise<ImportReport> {
  return importCsv(tx, {
    ...input,
    mode: "create",
    columns: leadCsvColumns,
    schema: createLeadBody,
    key: { column: "email", label: "Lead", of: () => undefined, find: async () => [], keyOf: () => "" },
    create: (tx, row) => createLead(tx, scope, row),
  });
}
