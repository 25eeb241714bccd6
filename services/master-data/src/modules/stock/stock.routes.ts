/** Stock: movements into, out of and between warehouses, on-hand and valuation. */
import { inTransaction } from "@erp/db";
import { created, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { permissions } from "../../permissions";
import { getMovement } from "./get-movement";
import { listMovements } from "./list-movements";
import { listStockLevels } from "./list-stock-levels";
import { recordAdjustment } from "./record-adjustment";
import { recordIssue } from "./record-issue";
import { recordReceipt } from "./record-receipt";
import { MOVEMENT_TRANSACTION } from "./stock-ledger";
import { STOCK_MOVEMENT_CODES } from "./stock.errors";
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
import { transferStock } from "./transfer-stock";
import { valueStock } from "./value-stock";

const tags = ["Stock"];
const refused = { 422: { description: "Unknown product or warehouse, not a stock item, or not enough stock", codes: STOCK_MOVEMENT_CODES } };
const movements = { transaction: MOVEMENT_TRANSACTION };

export function registerStockRoutes(route: ServiceApp["route"], db: MasterDataDb): void {
  route({
    method: "get",
    path: "/stock",
    summary: "On-hand stock per product and warehouse",
    tags,
    access: { permission: permissions.stockRead },
    request: { query: stockListQuery },
    responses: { 200: { description: "A page of stock levels", schema: pageSchema(stockLevelDto) } },
    handler: ({ scope, query }) => inTransaction(db, scope, (tx) => listStockLevels(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/stock/movements",
    summary: "The stock ledger",
    tags,
    access: { permission: permissions.stockRead },
    request: { query: movementListQuery },
    responses: { 200: { description: "A page of movements", schema: pageSchema(movementDto) } },
    handler: ({ scope, query }) => inTransaction(db, scope, (tx) => listMovements(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/stock/movements/{id}",
    summary: "One stock movement",
    tags,
    access: { permission: permissions.stockRead },
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: { description: "The movement", schema: movementDto }, 404: { description: "No such movement, or another organization's", codes: ["NOT_FOUND"] } },
    handler: ({ scope, params }) => inTransaction(db, scope, (tx) => getMovement(tx, scope, params.id)),
  });

  route({
    method: "get",
    path: "/stock/valuation",
    summary: "Stock value per currency: the sum of the levels' running values",
    tags,
    access: { permission: permissions.stockRead },
    request: { query: valuationQuery },
    responses: { 200: { description: "Valuation", schema: valuationDto } },
    handler: ({ scope, query }) => inTransaction(db, scope, (tx) => valueStock(tx, scope, query)),
  });

  route({
    method: "post",
    path: "/stock/receipts",
    summary: "Receive stock (at a unit cost)",
    tags,
    access: { permission: permissions.stockMove },
    request: { body: receiptBody },
    responses: { 201: { description: "The movement", schema: movementDto }, ...refused },
    handler: async (ctx) => {
      const movement = await inTransaction(db, ctx.scope, (tx) => recordReceipt(tx, ctx.scope, ctx.body), movements);
      created(ctx, movement, ctx.location(`/stock/movements/${movement.id}`));
    },
  });

  route({
    method: "post",
    path: "/stock/issues",
    summary: "Issue stock (at the level's running rate)",
    tags,
    access: { permission: permissions.stockMove },
    request: { body: issueBody },
    responses: { 201: { description: "The movement", schema: movementDto }, ...refused },
    handler: async (ctx) => {
      const movement = await inTransaction(db, ctx.scope, (tx) => recordIssue(tx, ctx.scope, ctx.body), movements);
      created(ctx, movement, ctx.location(`/stock/movements/${movement.id}`));
    },
  });

  route({
    method: "post",
    path: "/stock/adjustments",
    summary: "Adjust stock, with a reason",
    tags,
    access: { permission: permissions.stockAdjust },
    request: { body: adjustmentBody },
    responses: { 201: { description: "The movement", schema: movementDto }, ...refused },
    handler: async (ctx) => {
      const movement = await inTransaction(db, ctx.scope, (tx) => recordAdjustment(tx, ctx.scope, ctx.body), movements);
      created(ctx, movement, ctx.location(`/stock/movements/${movement.id}`));
    },
  });

  route({
    method: "post",
    path: "/stock/transfers",
    summary: "Transfer stock between warehouses (two movements, all or nothing)",
    tags,
    access: { permission: permissions.stockMove },
    request: { body: transferBody },
    responses: { 201: { description: "Both movements", schema: transferDto }, ...refused },
    handler: async (ctx) => {
      const transfer = await inTransaction(db, ctx.scope, (tx) => transferStock(tx, ctx.scope, ctx.body), movements);
      created(ctx, transfer, ctx.location(`/stock/movements?transferId=${transfer.transferId}`));
    },
  });
}
