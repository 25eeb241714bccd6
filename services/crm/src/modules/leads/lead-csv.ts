/** Leads as CSV: export and import use the same columns. */
import type { CsvColumn } from "@erp/csv";

export const leadCsvColumns: CsvColumn[] = [
  { header: "name", path: ["name"] },
  { header: "companyName", path: ["companyName"] },
  { header: "email", path: ["email"] },
  { header: "phone", path: ["phone"] },
  { header: "source", path: ["source"] },
  { header: "ownerId", path: ["ownerId"] },
  { header: "estimatedValue", path: ["estimatedValue"] },
  { header: "currency", path: ["currency"] },
  { header: "tags", path: ["tags"], kind: "list" },
  { header: "notes", path: ["notes"] },
];
