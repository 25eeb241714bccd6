/**
 * Imports contacts from CSV, all or nothing (see @erp/csv's importCsv). A row matches its contact
 * by the id column an export writes (active contacts only); without a known id (a hand-made file,
 * another organization's export, a contact merged since), by its first email address (trimmed and
 * lower-cased) among active contacts. In upsert mode a matched row updates the columns the file
 * has, through the same change as PATCH; what the file cannot say is left as it is: a missing
 * column, and the labels of the addresses and numbers the contact keeps. Other rows are new contacts.
 */
import { importCsv, type ImportMode, type ImportReport, type RowError } from "@erp/csv";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseEmail } from "../../contact-points";
import { companyRepository } from "../companies/company.repository";
import { inactiveOwnerRows } from "../members/imported-owners";
import { contactCsvColumns, contactImportRow, type ContactImportRow } from "./contact-csv";
import { contactRepository } from "./contact.repository";
import { emailInputs, phoneInputs, type ContactRow } from "./contact.schemas";
import { createContact } from "./create-contact";
import { changeContact, contactChanges, type ContactChanges } from "./update-contact";

/** A contact found for a row, with the address it was found by ("" when found by its id). */
interface Match {
  key: string;
  contact: ContactRow;
}

const first = (row: ContactImportRow): string | undefined => {
  const [entry] = row.emails;
  return entry === undefined ? undefined : normaliseEmail(typeof entry === "string" ? entry : entry.email);
};

/** @throws AppError 422 IMPORT_INVALID_ROWS when any row is invalid (not for a dry run, which reports them) */
export function importContacts(tx: Tx, scope: Scope, input: { csv: string; dryRun: boolean; mode: ImportMode }): Promise<ImportReport> {
  const { organizationId } = scope;
  const repository = contactRepository(tx);
  return importCsv<typeof contactImportRow, Tx, Match>(tx, {
    ...input,
    columns: contactCsvColumns,
    schema: contactImportRow,
    id: {
      column: "id",
      of: (row) => row.id,
      find: async (_tx, ids) => (await repository.findActiveByIds(organizationId, ids)).map((contact) => ({ key: "", contact })),
      idOf: (match) => match.contact.id,
    },
    key: {
      column: "emails",
      label: "Contact",
      of: first,
      find: async (_tx, keys) => {
        const contacts = await repository.findByEmails(organizationId, keys);
        return contacts.flatMap((contact) => contact.emails.filter((e) => e.active && keys.includes(e.normalised)).map((e) => ({ key: e.normalised, contact })));
      },
      keyOf: (match) => match.key,
    },
    references: async (tx, records) => [
      ...(await unknownCompanies(tx, scope, records)),
      ...(await inactiveOwnerRows(tx, scope, records, (ids) => repository.findActiveByIds(organizationId, ids))),
    ],
    create: (tx, { id: _id, ...row }) => createContact(tx, scope, row),
    update: {
      changes: (match, row, fields) => contactChanges(match.contact, importedChanges(match.contact, row, fields)),
      apply: (tx, match, row, fields) => changeContact(tx, scope, match.contact, importedChanges(match.contact, row, fields)),
    },
  });
}

/**
 * A row over an existing contact: every field the file has a column for (an empty cell clears it).
 * An address or number the contact already has keeps its label (the file has no column for it).
 */
function importedChanges(contact: ContactRow, row: ContactImportRow, fields: ReadonlySet<string>): ContactChanges {
  const changes: ContactChanges = {};
  if (fields.has("firstName")) changes.firstName = row.firstName;
  if (fields.has("lastName")) changes.lastName = row.lastName ?? null;
  if (fields.has("jobTitle")) changes.jobTitle = row.jobTitle ?? null;
  if (fields.has("companyId")) changes.companyId = row.companyId?.toLowerCase() ?? null;
  if (fields.has("ownerId")) changes.ownerId = row.ownerId?.toLowerCase() ?? null;
  if (fields.has("tags")) changes.tags = row.tags;
  if (fields.has("emails")) {
    const labels = new Map(contact.emails.map((e) => [e.normalised, e.label]));
    changes.emails = emailInputs(row.emails).map((e) => ({ ...e, label: e.label ?? labels.get(normaliseEmail(e.email)) ?? undefined }));
  }
  if (fields.has("phones")) {
    const labels = new Map(contact.phones.map((p) => [p.number, p.label]));
    changes.phones = phoneInputs(row.phones).map((p) => ({ ...p, label: p.label ?? labels.get(p.number) ?? undefined }));
  }
  return changes;
}

/** Rows whose companyId is no company of the organization (another organization's, say): their error, before anything is written. */
async function unknownCompanies(tx: Tx, scope: Scope, records: { row: number; input: ContactImportRow }[]): Promise<RowError[]> {
  const ids = [...new Set(records.flatMap((record) => record.input.companyId ?? []))];
  const known = new Set((await companyRepository(tx).findByIds(scope.organizationId, ids)).map((company) => company.id));
  return records
    .filter((record) => record.input.companyId && !known.has(record.input.companyId.toLowerCase()))
    .map((record) => ({ row: record.row, field: "companyId", message: "No such company in the organization" }));
}
