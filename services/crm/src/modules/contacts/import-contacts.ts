/**
 * Imports contacts from CSV, all or nothing (see @erp/csv's importCsv). The key is the first email
 * address (compared trimmed and lower-cased): in upsert mode a row whose first address belongs to
 * an active contact updates that contact's columns the file has, through the same change as PATCH.
 * Rows without an address are always new contacts.
 */
import { importCsv, type ImportMode, type ImportReport } from "@erp/csv";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { normaliseEmail } from "../../contact-points";
import { contactCsvColumns } from "./contact-csv";
import { contactRepository } from "./contact.repository";
import { createContactBody, emailInputs, phoneInputs, type ContactRow, type CreateContactInput } from "./contact.schemas";
import { createContact } from "./create-contact";
import { changeContact, contactChanges, type ContactChanges } from "./update-contact";

const first = (row: CreateContactInput): string | undefined => {
  const [entry] = row.emails;
  return entry === undefined ? undefined : normaliseEmail(typeof entry === "string" ? entry : entry.email);
};

/** @throws AppError 422 IMPORT_INVALID_ROWS when any row is invalid (not for a dry run, which reports them) */
export function importContacts(tx: Tx, scope: Scope, input: { csv: string; dryRun: boolean; mode: ImportMode }): Promise<ImportReport> {
  const { organizationId } = scope;
  return importCsv<typeof createContactBody, Tx, { key: string; contact: ContactRow }>(tx, {
    ...input,
    columns: contactCsvColumns,
    schema: createContactBody,
    key: {
      column: "emails",
      label: "Email",
      of: first,
      find: async (tx, keys) => {
        const normalised = keys.map(normaliseEmail);
        const contacts = await contactRepository(tx).findByEmails(organizationId, normalised);
        return contacts.flatMap((contact) =>
          contact.emails.filter((e) => normalised.includes(e.normalised)).map((e) => ({ key: e.normalised, contact })),
        );
      },
      keyOf: (match) => match.key,
    },
    create: (tx, row) => createContact(tx, scope, row),
    update: {
      changes: (match, row, fields) => contactChanges(match.contact, importedChanges(row, fields)),
      apply: (tx, match, row, fields) => changeContact(tx, scope, match.contact, importedChanges(row, fields)),
    },
  });
}

/** A row over an existing contact: every field the file has a column for (an empty cell clears it). */
function importedChanges(row: CreateContactInput, fields: ReadonlySet<string>): ContactChanges {
  const changes: ContactChanges = {};
  if (fields.has("firstName")) changes.firstName = row.firstName;
  if (fields.has("lastName")) changes.lastName = row.lastName ?? null;
  if (fields.has("jobTitle")) changes.jobTitle = row.jobTitle ?? null;
  if (fields.has("companyId")) changes.companyId = row.companyId ?? null;
  if (fields.has("ownerId")) changes.ownerId = row.ownerId ?? null;
  if (fields.has("tags")) changes.tags = row.tags;
  if (fields.has("emails")) changes.emails = emailInputs(row.emails);
  if (fields.has("phones")) changes.phones = phoneInputs(row.phones);
  return changes;
}
