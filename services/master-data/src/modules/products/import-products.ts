/** Imports products from CSV, all or nothing (see @erp/csv's importCsv); each row is a createProduct. */
import { importCsv, type CsvRecord, type ImportReport, type RowError } from "@erp/csv";
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { missingCurrencies } from "../settings/default-currency";
import { createProduct } from "./create-product";
import { productCsvColumns } from "./product-csv";
import { productRepository } from "./product.repository";
import { createProductBody, type CreateProductInput } from "./product.schemas";

/** @throws AppError 422 IMPORT_INVALID_ROWS when any row is invalid (not for a dry run, which reports them) */
export function importProducts(tx: Tx, scope: Scope, input: { csv: string; dryRun: boolean }): Promise<ImportReport> {
  const { organizationId } = scope;
  return importCsv(tx, {
    csv: input.csv,
    dryRun: input.dryRun,
    // Upsert (match by SKU, update) is for the products module to wire: see /tmp/coord/STATUS.md.
    mode: "create",
    columns: productCsvColumns,
    schema: createProductBody,
    key: {
      column: "sku",
      label: "SKU",
      of: (row) => row.sku,
      find: (tx, skus) => productRepository(tx).findBySkus(organizationId, skus),
      keyOf: (product) => product.sku,
    },
    references: async (tx, records) => [...(await unknownCategories(tx, organizationId, records)), ...(await missingCurrencies(tx, organizationId, records))],
    create: (tx, row) => createProduct(tx, scope, row),
  });
}

type ProductRecord = CsvRecord<CreateProductInput>;

/** Rows whose category is not one of the organization's. */
async function unknownCategories(tx: Tx, organizationId: OrganizationId, records: ProductRecord[]): Promise<RowError[]> {
  const wanted = [...new Set(records.flatMap((r) => (r.input.categoryId ? [r.input.categoryId] : [])))];
  if (wanted.length === 0) return [];
  const known = await productRepository(tx).existingCategoryIds(organizationId, wanted);
  return records.flatMap(({ row, input }) =>
    input.categoryId && !known.has(input.categoryId) ? [{ row, field: "categoryId", message: "No such category" }] : [],
  );
}

