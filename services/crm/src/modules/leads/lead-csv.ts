/**
 * Leads as CSV: export and import use the same columns. The first is the lead's id, so a
 * re-imported export matches its leads (the email is no key: two leads may share one).
 */
import type { CsvColumn } from "@erp/csv";
import { z } from "zod";
import { createLeadBody } from "./lead.schemas";

export const leadCsvColumns: CsvColumn[] = [
  { header: "id", path: ["id"] },
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

/** An import row: the create body and, from an export, the lead's id (never written: it only matches). */
export const leadImportRow = createLeadBody.extend({ id: z.uuid().optional().describe("The lead this row is (from an export)") });
export type LeadImportRow = z.infer<typeof leadImportRow>;
