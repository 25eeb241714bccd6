/** Product categories: a tree per organization. */
import { created, noContent, pageSchema, type ServiceApp } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { permissions } from "../../permissions";
import { CATEGORY_CYCLE, UNKNOWN_CATEGORY } from "./category.errors";
import { categoryDto, categoryIdParams, categoryListQuery, createCategoryBody, updateCategoryBody } from "./category.schemas";
import { deleteCategory } from "./delete-category";
import { getCategory, listCategories } from "./read-categories";
import { createCategory, updateCategory } from "./save-category";

const tags = ["Categories"];
const notFound = { 404: { description: "No such category, or another organization's (NOT_FOUND)" } };

export function registerCategoryRoutes(route: ServiceApp["route"], db: MasterDataDb): void {
  route({
    method: "get",
    path: "/categories",
    summary: "List product categories",
    tags,
    access: { permission: permissions.categoryRead },
    request: { query: categoryListQuery },
    responses: { 200: { description: "A page of categories", schema: pageSchema(categoryDto) } },
    handler: ({ principal, query }) => listCategories(db, principal.organizationId, query),
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
      409: { description: "A sibling has that name (CONFLICT)" },
      422: { description: "The parent does not exist", codes: [UNKNOWN_CATEGORY] },
    },
    handler: async (ctx) => {
      const category = await createCategory(db, ctx.principal.organizationId, ctx.body);
      created(ctx, category, `/api/v1/master-data/categories/${category.id}`);
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
    handler: ({ principal, params }) => getCategory(db, principal.organizationId, params.id),
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
      409: { description: "A sibling has that name (CONFLICT)" },
      422: { description: "The parent does not exist, or the move would make a cycle", codes: [UNKNOWN_CATEGORY, CATEGORY_CYCLE] },
    },
    handler: ({ principal, params, body }) => updateCategory(db, principal.organizationId, params.id, body),
  });

  route({
    method: "delete",
    path: "/categories/{id}",
    summary: "Delete a product category without subcategories or products",
    tags,
    access: { permission: permissions.categoryDelete },
    request: { params: categoryIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, 409: { description: "It has subcategories or products (CONFLICT)" } },
    handler: async (ctx) => {
      await deleteCategory(db, ctx.principal.organizationId, ctx.params.id);
      noContent(ctx);
    },
  });
}
