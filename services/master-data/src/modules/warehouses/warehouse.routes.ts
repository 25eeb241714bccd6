/** Warehouses: where stock is kept; one of them is the organization's default. */
import { created, noContent, pageSchema, type ServiceApp } from "@erp/http-kit";
import { inTransaction } from "@erp/db";
import { rethrowCodeRace, type CodeRace } from "../../code-race";
import type { MasterDataDb } from "../../db";
import { permissions } from "../../permissions";
import { warehouseWithCode } from "./check-code";
import { createWarehouse } from "./create-warehouse";
import { deleteWarehouse } from "./delete-warehouse";
import { getWarehouse } from "./get-warehouse";
import { listWarehouses } from "./list-warehouses";
import { setDefaultWarehouse } from "./set-default-warehouse";
import { updateWarehouse } from "./update-warehouse";
import { warehouseCodeTaken } from "./warehouse.errors";
import { createWarehouseBody, updateWarehouseBody, warehouseDto, warehouseIdParams, warehouseListQuery } from "./warehouse.schemas";

const tags = ["Warehouses"];
const notFound = { 404: { description: "No such warehouse, or another organization's (NOT_FOUND)" } };
const codeTaken = {
  409: {
    description: "Another warehouse has the code, ignoring case and surrounding spaces; `error.details[0].existing` is its `{ id, code }`",
    codes: ["CONFLICT"],
  },
};

/** A write that lost the race for `code` answers with the warehouse that won it. */
const codeRace = (code: string | undefined): CodeRace<{ id: string; code: string }> => ({
  code,
  findHolder: warehouseWithCode,
  taken: warehouseCodeTaken,
});

export function registerWarehouseRoutes(route: ServiceApp["route"], db: MasterDataDb): void {
  route({
    method: "get",
    path: "/warehouses",
    summary: "List warehouses",
    tags,
    access: { permission: permissions.warehouseRead },
    request: { query: warehouseListQuery },
    responses: { 200: { description: "A page of warehouses", schema: pageSchema(warehouseDto) } },
    handler: ({ scope, query }) => inTransaction(db, scope, (tx) => listWarehouses(tx, scope, query)),
  });

  route({
    method: "post",
    path: "/warehouses",
    summary: "Create a warehouse (the first one becomes the default)",
    tags,
    access: { permission: permissions.warehouseCreate },
    request: { body: createWarehouseBody },
    responses: { 201: { description: "The new warehouse", schema: warehouseDto }, ...codeTaken },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const warehouse = await inTransaction(db, scope, (tx) => createWarehouse(tx, scope, body)).catch((err: unknown) =>
        rethrowCodeRace(db, scope, err, codeRace(body.code)),
      );
      created(ctx, warehouse, ctx.location(`/warehouses/${warehouse.id}`));
    },
  });

  route({
    method: "get",
    path: "/warehouses/{id}",
    summary: "A warehouse",
    tags,
    access: { permission: permissions.warehouseRead },
    request: { params: warehouseIdParams },
    responses: { 200: { description: "The warehouse", schema: warehouseDto }, ...notFound },
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => getWarehouse(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/warehouses/{id}",
    summary: "Change a warehouse",
    tags,
    access: { permission: permissions.warehouseUpdate },
    request: { params: warehouseIdParams, body: updateWarehouseBody },
    responses: { 200: { description: "The warehouse", schema: warehouseDto }, ...notFound, ...codeTaken },
    handler: ({ scope, params, body }) =>
      inTransaction(db, scope, (tx) => updateWarehouse(tx, scope, { id: params.id, changes: body })).catch((err: unknown) =>
        rethrowCodeRace(db, scope, err, codeRace(body.code)),
      ),
  });

  route({
    method: "delete",
    path: "/warehouses/{id}",
    summary: "Delete a warehouse that never held stock",
    tags,
    access: { permission: permissions.warehouseDelete },
    request: { params: warehouseIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, 409: { description: "It has stock movements", codes: ["CONFLICT"] } },
    handler: async (ctx) => {
      await inTransaction(db, ctx.scope, (tx) => deleteWarehouse(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });

  route({
    method: "post",
    path: "/warehouses/{id}/set-default",
    summary: "Make this the organization's default warehouse",
    tags,
    access: { permission: permissions.warehouseSetDefault },
    request: { params: warehouseIdParams },
    responses: { 200: { description: "The warehouse", schema: warehouseDto }, ...notFound },
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => setDefaultWarehouse(tx, scope, params)),
  });
}
