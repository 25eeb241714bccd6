/**
 * Companies as CSV: export and import use the same columns. The first is the company's id, so a
 * re-imported export matches its companies even where they have no domain.
 */
import type { CsvColumn } from "@erp/csv";
import { z } from "zod";
import { createCompanyBody } from "./company.schemas";

export const ADDRESS_PARTS = ["line1", "line2", "city", "region", "postalCode", "country"] as const;

export const companyCsvColumns: CsvColumn[] = [
  { header: "id", path: ["id"] },
  { header: "name", path: ["name"] },
  { header: "domain", path: ["domain"] },
  { header: "industry", path: ["industry"] },
  { header: "size", path: ["size"] },
  { header: "ownerId", path: ["ownerId"] },
  { header: "tags", path: ["tags"], kind: "list" },
  ...ADDRESS_PARTS.map((part) => ({ header: `address${part[0]?.toUpperCase()}${part.slice(1)}`, path: ["address", part] })),
];

/** A CSV row: the create body and, from an export, the company's id (never written: it only matches). */
export const companyCsvRow = createCompanyBody.extend({ id: z.uuid().optional().describe("The company this row is (from an export)") });
export type CompanyCsvRow = z.infer<typeof companyCsvRow>;
