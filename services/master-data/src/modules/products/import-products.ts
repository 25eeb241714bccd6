/** Imports products from CSV, all or nothing (see csv-import). */
import type { Actor } from "@erp/events";
import { importCsv, type ImportReport } from "../../csv/csv-import";
import type { MasterDataDb } from "../../db";
import { insertProduct } from "./create-product";
import { productCsvColumns } from "./product-csv";
import { productRepository } from "./product.repository";
import { createProductBody } from "./product.schemas";

export function importProducts(db: MasterDataDb, organizationId: string, actor: Actor, csv: string, dryRun: boolean): Promise<ImportReport> {
  return importCsv(db, organizationId, {
    csv,
    dryRun,
    columns: productCsvColumns,
    schema: createProductBody,
    key: {
      column: "sku",
      label: "SKU",
      of: (input) => input.sku,
      taken: (tx, skus) => productRepository(tx).takenSkus(organizationId, skus),
    },
    insert: (tx, input) => insertProduct(tx, organizationId, actor, input),
  });
}
