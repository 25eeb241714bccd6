/** Stock: movements into, out of and between warehouses, on-hand and valuation. */
import { created, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { actorOf } from "../../events";
import { permissions } from "../../permissions";
import { getMovement, listMovements, listStockLevels, stockValuation } from "./read-stock";
import { recordMovement } from "./record-movement";
import {
  adjustmentBody,
  issueBody,
  movementDto,
  movementListQuery,
  receiptBody,
  stockLevelDto,
  stockListQuery,
  transferBody,
  transferDto,
  valuationDto,
  valuationQuery,
} from "./stock.schemas";
import { STOCK_MOVEMENT_CODES } from "./stock.errors";
import { transferStock } from "./transfer-stock";

const tags = ["Stock"];
const refused = { 422: { description: "Unknown product or warehouse, not a stock item, or not enough stock", codes: STOCK_MOVEMENT_CODES } };

export function registerStockRoutes(route: ServiceApp["route"], db: MasterDataDb): void {
  route({
    method: "get",
    path: "/stock",
    summary: "On-hand stock per product and warehouse",
    tags,
    access: { permission: permissions.stockRead },
    request: { query: stockListQuery },
    responses: { 200: { description: "A page of stock levels", schema: pageSchema(stockLevelDto) } },
    handler: ({ principal, query }) => listStockLevels(db, principal.organizationId, query),
  });

  route({
    method: "get",
    path: "/stock/movements",
    summary: "The stock ledger",
    tags,
    access: { permission: permissions.stockRead },
    request: { query: movementListQuery },
    responses: { 200: { description: "A page of movements", schema: pageSchema(movementDto) } },
    handler: ({ principal, query }) => listMovements(db, principal.organizationId, query),
  });

  route({
    method: "get",
    path: "/stock/movements/{id}",
    summary: "One stock movement",
    tags,
    access: { permission: permissions.stockRead },
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: { description: "The movement", schema: movementDto }, 404: { description: "No such movement, or another organization's (NOT_FOUND)" } },
    handler: ({ principal, params }) => getMovement(db, principal.organizationId, params.id),
  });

  route({
    method: "get",
    path: "/stock/valuation",
    summary: "Stock value (quantity × average cost) per currency",
    tags,
    access: { permission: permissions.stockRead },
    request: { query: valuationQuery },
    responses: { 200: { description: "Valuation", schema: valuationDto } },
    handler: ({ principal, query }) => stockValuation(db, principal.organizationId, query),
  });

  const movementRoutes = [
    { path: "/stock/receipts", type: "receipt", body: receiptBody, summary: "Receive stock (at a unit cost)", permission: permissions.stockMove },
    { path: "/stock/issues", type: "issue", body: issueBody, summary: "Issue stock (at the average cost)", permission: permissions.stockMove },
    { path: "/stock/adjustments", type: "adjustment", body: adjustmentBody, summary: "Adjust stock, with a reason", permission: permissions.stockAdjust },
  ] as const;
  for (const { path, type, body, summary, permission } of movementRoutes) {
    route({
      method: "post",
      path,
      summary,
      tags,
      access: { permission },
      request: { body },
      responses: { 201: { description: "The movement", schema: movementDto }, ...refused },
      handler: async (ctx) => {
        const movement = await recordMovement(db, ctx.principal.organizationId, actorOf(ctx.principal), {
          type,
          input: ctx.body,
        } as Parameters<typeof recordMovement>[3]);
        created(ctx, movement, `/api/v1/master-data/stock/movements/${movement.id}`);
      },
    });
  }

  route({
    method: "post",
    path: "/stock/transfers",
    summary: "Transfer stock between warehouses (two movements, all or nothing)",
    tags,
    access: { permission: permissions.stockMove },
    request: { body: transferBody },
    responses: { 201: { description: "Both movements", schema: transferDto }, ...refused },
    handler: async (ctx) => {
      const transfer = await transferStock(db, ctx.principal.organizationId, actorOf(ctx.principal), ctx.body);
      created(ctx, transfer, `/api/v1/master-data/stock/movements?transferId=${transfer.transferId}`);
    },
  });
}
