/** Products as CSV: export and import use the same columns. */
import type { CsvColumn } from "@erp/csv";

export const productCsvColumns: CsvColumn[] = [
  "sku",
  "name",
  "description",
  "type",
  "categoryId",
  "unitOfMeasure",
  "salePrice",
  "purchaseCost",
  "currency",
  "taxRate",
  "barcode",
  "reorderLevel",
].map((field) => ({ header: field, path: [field] }));
