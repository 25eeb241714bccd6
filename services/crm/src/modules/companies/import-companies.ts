/**
 * Imports companies from CSV, all or nothing (see @erp/csv's importCsv). A row matches its company
 * by the id column an export writes; without a known id (a hand-made file, another organization's
 * export), by its domain (normalised: https://www.Acme.com/ is acme.com). In upsert mode a matched
 * row updates the columns the file has, through the same change as PATCH; what the file has no
 * column for (the customer link, a missing column) is left as it is. Other rows are new companies.
 */
import { importCsv, type ImportMode, type ImportReport } from "@erp/csv";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseDomain } from "../../contact-points";
import { inactiveOwnerRows } from "../members/imported-owners";
import { companyCsvColumns, companyCsvRow, type CompanyCsvRow } from "./company-csv";
import { companyRepository } from "./company.repository";
import { updatableCompanyFields, type UpdateCompanyInput } from "./company.schemas";
import { createCompany } from "./create-company";
import { changeCompany, companyChanges } from "./update-company";

/** @throws AppError 422 IMPORT_INVALID_ROWS when any row is invalid (not for a dry run, which reports them) */
export function importCompanies(tx: Tx, scope: Scope, input: { csv: string; dryRun: boolean; mode: ImportMode }): Promise<ImportReport> {
  const { organizationId } = scope;
  const repository = companyRepository(tx);
  return importCsv(tx, {
    ...input,
    columns: companyCsvColumns,
    schema: companyCsvRow,
    id: { column: "id", of: (row) => row.id, find: (_tx, ids) => repository.findByIds(organizationId, ids), idOf: (company) => company.id },
    key: {
      column: "domain",
      label: "Company",
      of: (row) => (row.domain ? (normaliseDomain(row.domain) ?? undefined) : undefined),
      find: (_tx, domains) => repository.findByDomains(organizationId, domains),
      keyOf: (company) => company.domain ?? "",
    },
    references: (tx, records) => inactiveOwnerRows(tx, scope, records, (ids) => repository.findByIds(organizationId, ids)),
    create: (tx, { id: _id, ...row }) => createCompany(tx, scope, row),
    update: {
      changes: (company, row, fields) => companyChanges(company, importedChanges(row, fields)),
      apply: (tx, company, row, fields) => changeCompany(tx, scope, company, importedChanges(row, fields)),
    },
  });
}

/** A row over an existing company: every field the file has a column for (an empty cell clears it). */
function importedChanges(row: CompanyCsvRow, fields: ReadonlySet<string>): UpdateCompanyInput {
  const values = row as Record<string, unknown>;
  const changes = Object.fromEntries(
    updatableCompanyFields.filter((field) => fields.has(field)).map((field) => [field, values[field] ?? (field === "tags" ? [] : null)]),
  ) as UpdateCompanyInput;
  if (typeof changes.ownerId === "string") changes.ownerId = changes.ownerId.toLowerCase();
  return changes;
}
