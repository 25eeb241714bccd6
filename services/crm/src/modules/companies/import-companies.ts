/**
 * Imports companies from CSV, all or nothing (see @erp/csv's importCsv). The key is the domain: in
 * upsert mode a row whose domain (normalised: https://www.Acme.com/ is acme.com) matches a company
 * updates the columns the file has, through the same change as PATCH. Rows without a domain are
 * always new companies.
 */
import { importCsv, type ImportMode, type ImportReport } from "@erp/csv";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseDomain } from "../../contact-points";
import { companyCsvColumns } from "./company-csv";
import { companyRepository } from "./company.repository";
import { createCompanyBody, updatableCompanyFields, type CreateCompanyInput, type UpdateCompanyInput } from "./company.schemas";
import { createCompany } from "./create-company";
import { changeCompany, companyChanges } from "./update-company";

/** @throws AppError 422 IMPORT_INVALID_ROWS when any row is invalid (not for a dry run, which reports them) */
export function importCompanies(tx: Tx, scope: Scope, input: { csv: string; dryRun: boolean; mode: ImportMode }): Promise<ImportReport> {
  const { organizationId } = scope;
  return importCsv(tx, {
    ...input,
    columns: companyCsvColumns,
    schema: createCompanyBody,
    key: {
      column: "domain",
      label: "Domain",
      of: (row) => (row.domain ? (normaliseDomain(row.domain) ?? undefined) : undefined),
      find: (tx, domains) => companyRepository(tx).findByDomains(organizationId, domains.map((d) => normaliseDomain(d) ?? d)),
      keyOf: (company) => company.domain ?? "",
    },
    create: (tx, row) => createCompany(tx, scope, row),
    update: {
      changes: (company, row, fields) => companyChanges(company, importedChanges(row, fields)),
      apply: (tx, company, row, fields) => changeCompany(tx, scope, company, importedChanges(row, fields)),
    },
  });
}

/** A row over an existing company: every field the file has a column for (an empty cell clears it); the domain is the match. */
function importedChanges(row: CreateCompanyInput, fields: ReadonlySet<string>): UpdateCompanyInput {
  const values = row as Record<string, unknown>;
  return Object.fromEntries(
    updatableCompanyFields.filter((field) => field !== "domain" && fields.has(field)).map((field) => [field, values[field] ?? (field === "tags" ? [] : null)]),
  ) as UpdateCompanyInput;
}
