/** Customers and suppliers as CSV: export and import use the same columns. */
import type { CsvColumn } from "@erp/csv";
import type { PartyKind } from "./party.schemas";

const address = (prefix: "billing" | "shipping"): CsvColumn[] =>
  (["line1", "line2", "city", "region", "postalCode", "country"] as const).map((part) => ({
    header: `${prefix}${part[0]?.toUpperCase()}${part.slice(1)}`,
    path: [`${prefix}Address`, part],
  }));

export function partyCsvColumns(kind: PartyKind): CsvColumn[] {
  return [
    { header: "code", path: ["code"] },
    { header: "legalName", path: ["legalName"] },
    { header: "displayName", path: ["displayName"] },
    { header: "type", path: ["type"] },
    { header: "taxId", path: ["taxId"] },
    { header: "email", path: ["email"] },
    { header: "phone", path: ["phone"] },
    { header: "website", path: ["website"] },
    { header: "paymentTermsDays", path: ["paymentTermsDays"], kind: "integer" },
    { header: "currency", path: ["currency"] },
    ...(kind === "customer" ? [{ header: "creditLimit", path: ["creditLimit"] }] : []),
    { header: "tags", path: ["tags"], kind: "list" },
    { header: "notes", path: ["notes"] },
    ...address("billing"),
    ...address("shipping"),
  ];
}
