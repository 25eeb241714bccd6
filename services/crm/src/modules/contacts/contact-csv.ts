/** Contacts as CSV: export and import use the same columns; emails and phones are ;-separated lists, primary first. */
import type { CsvColumn } from "@erp/csv";

export const contactCsvColumns: CsvColumn[] = [
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
