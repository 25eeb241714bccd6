/** Companies as CSV: export and import use the same columns. */
import type { CsvColumn } from "@erp/csv";

export const companyCsvColumns: CsvColumn[] = [
  { header: "name", path: ["name"] },
  { header: "domain", path: ["domain"] },
  { header: "industry", path: ["industry"] },
  { header: "size", path: ["size"] },
  { header: "ownerId", path: ["ownerId"] },
  { header: "tags", path: ["tags"], kind: "list" },
  ...(["line1", "line2", "city", "region", "postalCode", "country"] as const).map((part) => ({
    header: `address${part[0]?.toUpperCase()}${part.slice(1)}`,
    path: ["address", part],
  })),
];
