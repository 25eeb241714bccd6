/** Request and response schemas of stock: movements (the ledger), on-hand levels and valuation. */
import { listQuery, z } from "@erp/http-kit";
import type { StockMovement } from "../../generated/prisma/client";
import { decimalString, formatDecimal, quantity, unitCost } from "../../money";

const reference = z
  .object({
    type: z.string().regex(/^[a-z][a-z0-9_.-]{0,49}$/, "A document type such as finance.invoice"),
    id: z.string().trim().min(1).max(100),
  })
  .strict()
  .describe("The document that caused the movement");

const target = {
  productId: z.uuid(),
  warehouseId: z.uuid().optional().describe("Defaults to the organization's default warehouse"),
  reference: reference.optional(),
};

export const receiptBody = z.object({ ...target, quantity: quantity(), unitCost: unitCost() }).strict();
export const issueBody = z.object({ ...target, quantity: quantity() }).strict();
export const adjustmentBody = z
  .object({
    ...target,
    quantity: decimalString(3, "nonZero", "-2").describe("Signed: positive adds stock, negative removes it"),
    unitCost: unitCost().optional().describe("For additions; defaults to the current average cost"),
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export const transferBody = z
  .object({
    productId: z.uuid(),
    fromWarehouseId: z.uuid(),
    toWarehouseId: z.uuid(),
    quantity: quantity(),
    reference: reference.optional(),
  })
  .strict()
  .refine((body) => body.fromWarehouseId.toLowerCase() !== body.toWarehouseId.toLowerCase(), {
    path: ["toWarehouseId"],
    message: "Must differ from fromWarehouseId",
  });

export type ReceiptInput = z.infer<typeof receiptBody>;
export type IssueInput = z.infer<typeof issueBody>;
export type AdjustmentInput = z.infer<typeof adjustmentBody>;
export type TransferInput = z.infer<typeof transferBody>;
export type StockReference = z.infer<typeof reference>;

export const movementTypes = ["receipt", "issue", "transfer_out", "transfer_in", "adjustment"] as const;

export const movementDto = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  warehouseId: z.uuid(),
  type: z.enum(movementTypes),
  quantity: z.string().describe("Signed"),
  unitCost: z.string(),
  quantityAfter: z.string().describe("On-hand in the warehouse after this movement"),
  averageCostAfter: z.string(),
  transferId: z.uuid().nullable(),
  reason: z.string().nullable(),
  reference: reference.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type MovementDto = z.infer<typeof movementDto>;

export const transferDto = z.object({ transferId: z.uuid(), movements: z.array(movementDto).length(2) });

export const stockLevelDto = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  sku: z.string(),
  productName: z.string(),
  warehouseId: z.uuid(),
  warehouseCode: z.string(),
  quantity: z.string(),
  averageCost: z.string(),
  value: z.string().describe("quantity × average cost, in the product's currency"),
  currency: z.string(),
  updatedAt: z.string(),
});
export type StockLevelDto = z.infer<typeof stockLevelDto>;

export const stockListQuery = listQuery({
  sortable: ["updatedAt", "quantity"],
  defaultSort: "-updatedAt",
  filters: { productId: z.uuid().optional(), warehouseId: z.uuid().optional() },
});
export type StockListQuery = z.infer<typeof stockListQuery>;

export const movementListQuery = listQuery({
  sortable: ["createdAt"],
  defaultSort: "-createdAt",
  filters: {
    productId: z.uuid().optional(),
    warehouseId: z.uuid().optional(),
    type: z.enum(movementTypes).optional(),
    transferId: z.uuid().optional(),
    referenceType: z.string().optional(),
    referenceId: z.string().optional(),
    from: z.iso.datetime().optional().describe("Created at or after"),
    to: z.iso.datetime().optional().describe("Created before"),
  },
});
export type MovementListQuery = z.infer<typeof movementListQuery>;

export const valuationQuery = z.object({ warehouseId: z.uuid().optional(), productId: z.uuid().optional() });
export const valuationDto = z.object({
  totals: z.array(z.object({ currency: z.string(), value: z.string() })).describe("Σ quantity × average cost, per currency"),
});

export function toMovementDto(movement: StockMovement): MovementDto {
  return {
    id: movement.id,
    productId: movement.productId,
    warehouseId: movement.warehouseId,
    type: movement.type,
    quantity: formatDecimal(movement.quantity, 3),
    unitCost: formatDecimal(movement.unitCost, 4),
    quantityAfter: formatDecimal(movement.quantityAfter, 3),
    averageCostAfter: formatDecimal(movement.averageCostAfter, 4),
    transferId: movement.transferId,
    reason: movement.reason,
    reference: movement.referenceType && movement.referenceId ? { type: movement.referenceType, id: movement.referenceId } : null,
    createdBy: movement.createdBy,
    createdAt: movement.createdAt.toISOString(),
  };
}
