/** Product categories: a tree per organization. */
import { created, noContent, pageSchema, type ServiceApp } from "@erp/http-kit";
import { inTransaction } from "@erp/db";
import type { MasterDataDb } from "../../db";
import { permissions } from "../../permissions";
import { CATEGORY_CYCLE, siblingNameTaken, UNKNOWN_CATEGORY } from "./category.errors";
import { categoryDto, categoryIdParams, categoryListQuery, createCategoryBody, updateCategoryBody } from "./category.schemas";
import { createCategory } from "./create-category";
import { deleteCategory } from "./delete-category";
import { getCategory } from "./get-category";
import { listCategories } from "./list-categories";
import { updateCategory } from "./update-category";

const tags = ["Categories"];
const notFound = { 404: { description: "No such category, or another organization's (NOT_FOUND)" } };
const nameTaken = { 409: { description: "A sibling has that name, ignoring case", codes: ["CONFLICT"] } };

export function registerCategoryRoutes(route: ServiceApp["route"], db: MasterDataDb): void {
  route({
    method: "get",
    path: "/categories",
    summary: "List product categories",
    tags,
    access: { permission: permissions.categoryRead },
    request: { query: categoryListQuery },
    responses: { 200: { description: "A page of categories", schema: pageSchema(categoryDto) } },
    handler: ({ scope, query }) => inTransaction(db, scope, (tx) => listCategories(tx, scope, query)),
  });

  route({
    method: "post",
    path: "/categories",
    summary: "Create a product category",
    tags,
    access: { permission: permissions.categoryCreate },
    request: { body: createCategoryBody },
    responses: {
      201: { description: "The new category", schema: categoryDto },
      ...nameTaken,
      422: { description: "The parent does not exist", codes: [UNKNOWN_CATEGORY] },
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const category = await inTransaction(db, scope, (tx) => createCategory(tx, scope, body), { conflict: () => siblingNameTaken(body.name) });
      created(ctx, category, ctx.location(`/categories/${category.id}`));
    },
  });

  route({
    method: "get",
    path: "/categories/{id}",
    summary: "A product category",
    tags,
    access: { permission: permissions.categoryRead },
    request: { params: categoryIdParams },
    responses: { 200: { description: "The category", schema: categoryDto }, ...notFound },
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => getCategory(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/categories/{id}",
    summary: "Rename or move a product category",
    tags,
    access: { permission: permissions.categoryUpdate },
    request: { params: categoryIdParams, body: updateCategoryBody },
    responses: {
      200: { description: "The category", schema: categoryDto },
      ...notFound,
      ...nameTaken,
      422: { description: "The parent does not exist, or the move would make a cycle", codes: [UNKNOWN_CATEGORY, CATEGORY_CYCLE] },
    },
    handler: ({ scope, params, body }) =>
      inTransaction(db, scope, (tx) => updateCategory(tx, scope, { id: params.id, changes: body }), { conflict: () => siblingNameTaken(body.name) }),
  });

  route({
    method: "delete",
    path: "/categories/{id}",
    summary: "Delete a product category without subcategories or products",
    tags,
    access: { permission: permissions.categoryDelete },
    request: { params: categoryIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, 409: { description: "It has subcategories or products", codes: ["CONFLICT"] } },
    handler: async (ctx) => {
      await inTransaction(db, ctx.scope, (tx) => deleteCategory(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });
}
