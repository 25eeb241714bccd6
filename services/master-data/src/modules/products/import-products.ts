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
    references: async (tx, records) => {
      const wanted = [...new Set(records.flatMap((r) => (r.input.categoryId ? [r.input.categoryId] : [])))];
      if (wanted.length === 0) return [];
      const found = await tx.category.findMany({ where: { organizationId, id: { in: wanted } }, select: { id: true } });
      const known = new Set(found.map((c) => c.id));
      return records.flatMap(({ row, input }) =>
        input.categoryId && !known.has(input.categoryId) ? [{ row, field: "categoryId", message: "No such category" }] : [],
      );
    },
    insert: (tx, input) => insertProduct(tx, organizationId, actor, input),
  });
}
