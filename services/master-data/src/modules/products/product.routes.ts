/** Products and services. */
import { created, noContent, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import { IMPORT_DESCRIPTION, importQuery, importReportSchema } from "../../csv/csv-import";
import { IMPORT_INVALID_ROWS } from "../../csv/csv.errors";
import type { MasterDataDb } from "../../db";
import { actorOf } from "../../events";
import { permissions } from "../../permissions";
import { UNKNOWN_CATEGORY } from "../categories/category.errors";
import { archiveProduct } from "./archive-product";
import { createProduct } from "./create-product";
import { deleteProduct } from "./delete-product";
import { importProducts } from "./import-products";
import { createProductBody, productDto, productExportQuery, productIdParams, productListQuery, updateProductBody } from "./product.schemas";
import { exportProducts, getProduct, listProducts } from "./read-products";
import { updateProduct } from "./update-product";

const tags = ["Products"];
const notFound = { 404: { description: "No such product, or another organization's (NOT_FOUND)" } };
const skuTaken = { 409: { description: "The SKU is taken (CONFLICT)" } };

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
    handler: ({ principal, query }) => listProducts(db, principal.organizationId, query),
  });

  route({
    method: "get",
    path: "/products/export.csv",
    summary: "Export products as CSV",
    tags,
    access: { permission: permissions.productExport },
    request: { query: productExportQuery },
    responses: { 200: { description: "CSV file", schema: z.string(), contentType: "text/csv" } },
    handler: async ({ principal, query, res }) => {
      res.type("text/csv").attachment("products.csv").send(await exportProducts(db, principal.organizationId, query));
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
      422: { description: "Some rows are invalid; nothing was imported", codes: [IMPORT_INVALID_ROWS] },
    },
    handler: ({ principal, query, body }) => importProducts(db, principal.organizationId, actorOf(principal), body, query.dryRun === "true"),
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
      ...skuTaken,
      422: { description: "The category does not exist", codes: [UNKNOWN_CATEGORY] },
    },
    handler: async (ctx) => {
      const product = await createProduct(db, ctx.principal.organizationId, actorOf(ctx.principal), ctx.body);
      created(ctx, product, `/api/v1/master-data/products/${product.id}`);
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
    handler: ({ principal, params }) => getProduct(db, principal.organizationId, params.id),
  });

  route({
    method: "patch",
    path: "/products/{id}",
    summary: "Change a product or service",
    tags,
    access: { permission: permissions.productUpdate },
    request: { params: productIdParams, body: updateProductBody },
    responses: { 200: { description: "The product", schema: productDto }, ...notFound, ...skuTaken },
    handler: ({ principal, params, body }) => updateProduct(db, principal.organizationId, actorOf(principal), params.id, body),
  });

  route({
    method: "post",
    path: "/products/{id}/archive",
    summary: "Archive a product or service",
    tags,
    access: { permission: permissions.productArchive },
    request: { params: productIdParams },
    responses: { 200: { description: "The archived product", schema: productDto }, ...notFound, 409: { description: "Already archived (INVALID_STATE)" } },
    handler: ({ principal, params }) => archiveProduct(db, principal.organizationId, actorOf(principal), params.id),
  });

  route({
    method: "delete",
    path: "/products/{id}",
    summary: "Delete a product that never moved in stock",
    tags,
    access: { permission: permissions.productDelete },
    request: { params: productIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, 409: { description: "It has stock movements: archive it instead (CONFLICT)" } },
    handler: async (ctx) => {
      await deleteProduct(db, ctx.principal.organizationId, ctx.params.id);
      noContent(ctx);
    },
  });
}
