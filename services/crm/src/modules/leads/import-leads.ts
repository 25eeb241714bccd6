/**
 * Imports leads from CSV, all or nothing (see @erp/csv's importCsv). In create mode every row is a
 * new lead (the same person may come in twice), except a row whose id (the column an export
 * writes) is one of the organization's leads: that lead exists. In upsert mode a row matches its
 * lead by that id; without a known id (a hand-made file, another organization's export), by its
 * email (trimmed, lower-cased) when exactly one lead has it. A matched row updates the columns the
 * file has, through the same change as PATCH (the status only moves through the actions; a
 * converted lead is read-only); other rows are new leads.
 */
import { importCsv, type ImportMode, type ImportReport } from "@erp/csv";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseEmail } from "../../contact-points";
import { inactiveOwnerRows } from "../members/imported-owners";
import { createLead } from "./create-lead";
import { leadCsvColumns, leadImportRow, type LeadImportRow } from "./lead-csv";
import { leadRepository } from "./lead.repository";
import { updatableLeadFields, type UpdateLeadInput } from "./lead.schemas";
import { changeLead, leadChanges } from "./update-lead";

/** @throws AppError 422 IMPORT_INVALID_ROWS when any row is invalid (not for a dry run, which reports them) */
export function importLeads(tx: Tx, scope: Scope, input: { csv: string; dryRun: boolean; mode: ImportMode }): Promise<ImportReport> {
  const { organizationId } = scope;
  const repository = leadRepository(tx);
  return importCsv(tx, {
    ...input,
    columns: leadCsvColumns,
    schema: leadImportRow,
    id: { column: "id", of: (row) => row.id, find: (_tx, ids) => repository.findByIds(organizationId, ids), idOf: (lead) => lead.id },
    key: {
      column: "email",
      label: "Lead",
      of: (row) => (row.email ? normaliseEmail(row.email) : undefined),
      find: (_tx, emails) => repository.findByEmails(organizationId, emails),
      keyOf: (lead) => lead.normalisedEmail ?? "",
      unique: false,
    },
    references: (tx, records) => inactiveOwnerRows(tx, scope, records, (ids) => repository.findByIds(organizationId, ids)),
    create: (tx, { id: _id, ...row }) => createLead(tx, scope, row),
    update: {
      changes: (lead, row, fields) => leadChanges(lead, importedChanges(row, fields)),
      apply: (tx, lead, row, fields) => changeLead(tx, scope, lead, importedChanges(row, fields)),
      refuse: (lead) => (lead.status === "converted" ? `Lead ${lead.id} was converted: it can no longer be changed` : undefined),
    },
  });
}

/** A row over an existing lead: every field the file has a column for (an empty cell clears it). */
function importedChanges(row: LeadImportRow, fields: ReadonlySet<string>): UpdateLeadInput {
  const values = row as Record<string, unknown>;
  const changes = Object.fromEntries(
    updatableLeadFields.filter((field) => fields.has(field)).map((field) => [field, values[field] ?? (field === "tags" ? [] : null)]),
  ) as UpdateLeadInput;
  if (typeof changes.ownerId === "string") changes.ownerId = changes.ownerId.toLowerCase();
  return changes;
}
