/** Products and services. */
import { created, noContent, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import { IMPORT_DESCRIPTION, IMPORT_INVALID_ROWS, importQuery, importReportSchema, sendCsv } from "@erp/csv";
import { inTransaction } from "@erp/db";
import { rethrowCodeRace, type CodeRace } from "../../code-race";
import type { MasterDataDb } from "../../db";
import { permissions } from "../../permissions";
import { UNKNOWN_CATEGORY } from "../categories/category.errors";
import { CURRENCY_REQUIRED } from "../settings/settings.errors";
import { archiveProduct } from "./archive-product";
import { productWithSku } from "./check-sku";
import { createProduct } from "./create-product";
import { deleteProduct } from "./delete-product";
import { exportProducts } from "./export-products";
import { getProduct } from "./get-product";
import { importProducts } from "./import-products";
import { listProducts } from "./list-products";
import { productCsvColumns } from "./product-csv";
import { PRODUCT_HAS_STOCK, skuTaken } from "./product.errors";
import { createProductBody, productDto, productExportQuery, productIdParams, productListQuery, updateProductBody } from "./product.schemas";
import { restoreProduct } from "./restore-product";
import { updateProduct } from "./update-product";

const tags = ["Products"];
const notFound = { 404: { description: "No such product, or another organization's (NOT_FOUND)" } };
const skuTakenResponse = {
  409: {
    description: "Another product has the SKU, ignoring case and surrounding spaces; `error.details[0].existing` is its `{ id, code }`",
    codes: ["CONFLICT"],
  },
};

/** A write that lost the race for `sku` answers with the product that won it. */
const skuRace = (sku: string | undefined): CodeRace<{ id: string; sku: string }> => ({ code: sku, findHolder: productWithSku, taken: skuTaken });

export function registerProductRoutes(route: ServiceApp["route"], db: MasterDataDb): void {
  route({
    method: "get",
    path: "/products",
    summary: "List products and services",
    description: "Filters: status, type, categoryId; q searches SKU, name and barcode.",
    tags,
    access: { permission: permissions.productRead },
    request: { query: productListQuery },
    responses: { 200: { description: "A page of products", schema: pageSchema(productDto) } },
    handler: ({ scope, query }) => inTransaction(db, scope, (tx) => listProducts(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/products/export.csv",
    summary: "Export products as CSV",
    tags,
    access: { permission: permissions.productExport },
    request: { query: productExportQuery },
    responses: { 200: { description: "CSV file", schema: z.string(), contentType: "text/csv" } },
    handler: async ({ scope, query, res }) => {
      await sendCsv(res, "products.csv", productCsvColumns, exportProducts(db, scope, query));
    },
  });

  route({
    method: "post",
    path: "/products/import",
    summary: "Import products from CSV",
    description: IMPORT_DESCRIPTION,
    tags,
    access: { permission: permissions.productImport },
    request: { query: importQuery, body: z.string().min(1), contentType: "text/csv" },
    responses: {
      200: { description: "Import report", schema: importReportSchema },
      422: {
        description: 'Some rows are invalid; nothing was imported. `error.details` are the dry run\'s `errors`: `{ path: "rows.<line>.<column>", message }`',
        codes: [IMPORT_INVALID_ROWS],
      },
    },
    handler: ({ scope, query, body }) =>
      inTransaction(db, scope, (tx) => importProducts(tx, scope, { csv: body, dryRun: query.dryRun === "true", mode: query.mode })),
  });

  route({
    method: "post",
    path: "/products",
    summary: "Create a product or service",
    tags,
    access: { permission: permissions.productCreate },
    request: { body: createProductBody },
    responses: {
      201: { description: "The new product", schema: productDto },
      ...skuTakenResponse,
      422: {
        description: "The category does not exist, or no currency was given and the organization's base currency is not known yet",
        codes: [UNKNOWN_CATEGORY, CURRENCY_REQUIRED],
      },
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const product = await inTransaction(db, scope, (tx) => createProduct(tx, scope, body)).catch((err: unknown) =>
        rethrowCodeRace(db, scope, err, skuRace(body.sku)),
      );
      created(ctx, product, ctx.location(`/products/${product.id}`));
    },
  });

  route({
    method: "get",
    path: "/products/{id}",
    summary: "A product or service",
    tags,
    access: { permission: permissions.productRead },
    request: { params: productIdParams },
    responses: { 200: { description: "The product", schema: productDto }, ...notFound },
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => getProduct(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/products/{id}",
    summary: "Change a product or service",
    tags,
    access: { permission: permissions.productUpdate },
    request: { params: productIdParams, body: updateProductBody },
    responses: {
      200: { description: "The product", schema: productDto },
      ...notFound,
      409: {
        description:
          `${skuTakenResponse[409].description}; or (INVALID_STATE) the product is archived: read-only until restored; ` +
          "or (PRODUCT_HAS_STOCK) the currency would change while the product has stock, which is valued in its currency",
        codes: ["CONFLICT", "INVALID_STATE", PRODUCT_HAS_STOCK],
      },
      422: { description: "The category does not exist", codes: [UNKNOWN_CATEGORY] },
    },
    handler: ({ scope, params, body }) =>
      inTransaction(db, scope, (tx) => updateProduct(tx, scope, { id: params.id, changes: body })).catch((err: unknown) =>
        rethrowCodeRace(db, scope, err, skuRace(body.sku)),
      ),
  });

  route({
    method: "post",
    path: "/products/{id}/archive",
    summary: "Archive a product or service",
    description: "Archived products stay for their stock history and documents, and are read-only until restored.",
    tags,
    access: { permission: permissions.productArchive },
    request: { params: productIdParams },
    responses: {
      200: { description: "The archived product", schema: productDto },
      ...notFound,
      409: { description: "Already archived", codes: ["INVALID_STATE"] },
    },
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => archiveProduct(tx, scope, params)),
  });

  route({
    method: "post",
    path: "/products/{id}/restore",
    summary: "Restore an archived product or service",
    description: "Makes it active again: listed as active and editable. Publishes master_data.product.restored.",
    tags,
    access: { permission: permissions.productRestore },
    request: { params: productIdParams },
    responses: {
      200: { description: "The restored product", schema: productDto },
      ...notFound,
      409: { description: "It is not archived", codes: ["INVALID_STATE"] },
    },
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => restoreProduct(tx, scope, params)),
  });

  route({
    method: "delete",
    path: "/products/{id}",
    summary: "Delete a product that never moved in stock",
    tags,
    access: { permission: permissions.productDelete },
    request: { params: productIdParams },
    responses: {
      204: { description: "Deleted" },
      ...notFound,
      409: { description: "It has stock movements: archive it instead (CONFLICT); it is archived: restore it first (INVALID_STATE)", codes: ["CONFLICT", "INVALID_STATE"] },
    },
    handler: async (ctx) => {
      await inTransaction(db, ctx.scope, (tx) => deleteProduct(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });
}
