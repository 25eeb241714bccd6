/**
 * Contacts as CSV: export and import use the same columns; emails and phones are ;-separated lists,
 * primary first. The first column is the contact's id, so a re-imported export matches its
 * contacts even where they have no email. Labels (work, home) have no column: an import keeps the
 * label of every address and number the contact already has.
 */
import type { CsvColumn } from "@erp/csv";
import { z } from "zod";
import { createContactBody } from "./contact.schemas";

export const contactCsvColumns: CsvColumn[] = [
  { header: "id", path: ["id"] },
  { header: "firstName", path: ["firstName"] },
  { header: "lastName", path: ["lastName"] },
  { header: "jobTitle", path: ["jobTitle"] },
  { header: "companyId", path: ["companyId"] },
  { header: "ownerId", path: ["ownerId"] },
  { header: "tags", path: ["tags"], kind: "list" },
  { header: "emails", path: ["emails"], kind: "list" },
  { header: "phones", path: ["phones"], kind: "list" },
];

/** The export's rows: the API's contact with its lists as plain values. */
export function contactCsvRow(contact: { emails: { email: string }[]; phones: { number: string }[] }) {
  return { ...contact, emails: contact.emails.map((e) => e.email), phones: contact.phones.map((p) => p.number) };
}

/** An import row: the create body and, from an export, the contact's id (never written: it only matches). */
export const contactImportRow = createContactBody.extend({ id: z.uuid().optional().describe("The contact this row is (from an export)") });
export type ContactImportRow = z.infer<typeof contactImportRow>;
