/**
 * Imports products from CSV, all or nothing (see @erp/csv's importCsv). In upsert mode a row whose
 * SKU matches a product's (ignoring case and surrounding whitespace) makes that product what the
 * row says, for the columns the file has, through the same change as PATCH; an archived product
 * may match only when the row leaves it unchanged (archived records are read-only until restored).
 * A re-import of an export leaves every product unchanged.
 */
import { importCsv, type CsvRecord, type ImportMode, type ImportReport, type RowError } from "@erp/csv";
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { missingCurrencies } from "../settings/default-currency";
import { createProduct } from "./create-product";
import { productCsvColumns } from "./product-csv";
import { productRepository } from "./product.repository";
import { createProductBody, updatableProductFields, type CreateProductInput, type UpdateProductInput } from "./product.schemas";
import { changeProduct, productChanges } from "./update-product";

/** What an upsert row matched, and what the row would change that may be refused. */
interface Match {
  id: string;
  sku: string;
  currency: string;
  changesArchived: boolean;
  changesCurrency: boolean;
}

/** @throws AppError 422 IMPORT_INVALID_ROWS when any row is invalid (not for a dry run, which reports them) */
export function importProducts(tx: Tx, scope: Scope, input: { csv: string; dryRun: boolean; mode: ImportMode }): Promise<ImportReport> {
  const { organizationId } = scope;
  // importCsv asks `update.changes` about every row that matches a product before it asks for
  // `references`: what the first learns, the second reports.
  const matched = new Map<object, Match>();
  return importCsv(tx, {
    ...input,
    columns: productCsvColumns,
    schema: createProductBody,
    key: {
      column: "sku",
      label: "SKU",
      of: (row) => row.sku,
      find: (tx, skus) => productRepository(tx).findBySkus(organizationId, skus),
      keyOf: (product) => product.sku,
    },
    references: async (tx, records) => [
      ...archivedRows(records, matched),
      ...(await currenciesLockedByStock(tx, organizationId, records, matched)),
      ...(await unknownCategories(tx, organizationId, records)),
      ...(await missingCurrencies(tx, organizationId, records.filter((record) => !matched.has(record.input)))),
    ],
    create: (tx, row) => createProduct(tx, scope, row),
    update: {
      changes: (product, row, fields) => {
        const changed = productChanges(product, importedChanges(row, fields));
        matched.set(row, {
          id: product.id,
          sku: product.sku,
          currency: product.currency,
          changesArchived: changed.length > 0 && product.status === "archived",
          changesCurrency: changed.includes("currency"),
        });
        return changed;
      },
      apply: (tx, product, row, fields) => changeProduct(tx, scope, product, importedChanges(row, fields)),
    },
  });
}

/**
 * A row over an existing product: every field the file has a column for, as creating from the row
 * would set it (an empty cell clears an optional field). The SKU is the match, not a change:
 * `abc-1` matching `ABC-1` keeps `ABC-1`. An empty currency keeps the product's (a currency cannot
 * be cleared, and the base currency is only a default for new products).
 */
function importedChanges(row: CreateProductInput, fields: ReadonlySet<string>): UpdateProductInput {
  const values: Record<string, unknown> = row;
  return Object.fromEntries(
    updatableProductFields
      .filter((field) => field !== "sku" && fields.has(field) && !(field === "currency" && row.currency === undefined))
      .map((field) => [field, values[field] ?? null]),
  ) as UpdateProductInput;
}

type ProductRecord = CsvRecord<CreateProductInput>;

/** Rows that would change an archived product, which is read-only until restored (unchanged rows are fine). */
function archivedRows(records: readonly ProductRecord[], matched: ReadonlyMap<object, Match>): RowError[] {
  return records.flatMap(({ row, input }) => {
    const match = matched.get(input);
    return match?.changesArchived ? [{ row, field: "sku", message: `Product ${match.sku} is archived: restore it before changing it` }] : [];
  });
}

/** Rows that would change the currency of a product that has stock (valued in its currency). */
async function currenciesLockedByStock(
  tx: Tx,
  organizationId: OrganizationId,
  records: readonly ProductRecord[],
  matched: ReadonlyMap<object, Match>,
): Promise<RowError[]> {
  const changing = records.flatMap(({ row, input }) => {
    const match = matched.get(input);
    return match?.changesCurrency ? [{ row, match }] : [];
  });
  if (changing.length === 0) return [];
  const stocked = await productRepository(tx).withStock(organizationId, changing.map(({ match }) => match.id));
  return changing
    .filter(({ match }) => stocked.has(match.id))
    .map(({ row, match }) => ({ row, field: "currency", message: `Product ${match.sku} has stock valued in ${match.currency}: its currency cannot change` }));
}

/** Rows whose category is not one of the organization's. */
async function unknownCategories(tx: Tx, organizationId: OrganizationId, records: readonly ProductRecord[]): Promise<RowError[]> {
  const wanted = [...new Set(records.flatMap((r) => (r.input.categoryId ? [r.input.categoryId] : [])))];
  if (wanted.length === 0) return [];
  const known = await productRepository(tx).existingCategoryIds(organizationId, wanted);
  return records.flatMap(({ row, input }) =>
    input.categoryId && !known.has(input.categoryId) ? [{ row, field: "categoryId", message: "No such category" }] : [],
  );
}
