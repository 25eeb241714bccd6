/** Request and response schemas of stock: movements (the ledger), on-hand levels and valuation. */
import { listQuery, z } from "@erp/http-kit";
import type { StockMovement } from "../../generated/prisma/client";
import { decimalString, formatDecimal, minorUnits, quantity, unitCost } from "@erp/money";
import { UNIT_COST_SCALE } from "./stock-calculation";

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

const productId = "0193a1b2-0000-7000-8000-0000000000a1";
const warehouseId = "0193a1b2-0000-7000-8000-0000000000b1";

export const receiptBody = z
  .object({ ...target, quantity: quantity(), unitCost: unitCost() })
  .strict()
  .openapi({ example: { productId, warehouseId, quantity: "100", unitCost: "3.2500", reference: { type: "purchasing.receipt", id: "GR-1001" } } });
export const issueBody = z
  .object({ ...target, quantity: quantity() })
  .strict()
  .openapi({ example: { productId, warehouseId, quantity: "12", reference: { type: "sales.delivery", id: "DN-2001" } } });
export const adjustmentBody = z
  .object({
    ...target,
    quantity: decimalString(3, "nonZero", "-2").describe("Signed: positive adds stock, negative removes it"),
    unitCost: unitCost().optional().describe("For additions; defaults to the current average cost"),
    reason: z.string().trim().min(1).max(500),
  })
  .strict()
  .openapi({ example: { productId, warehouseId, quantity: "-2", reason: "Damaged in storage" } });
export const transferBody = z
  .object({
    productId: z.uuid(),
    fromWarehouseId: z.uuid(),
    toWarehouseId: z.uuid(),
    quantity: quantity(),
    reference: reference.optional(),
  })
  .strict()
  .openapi({ example: { productId, fromWarehouseId: warehouseId, toWarehouseId: "0193a1b2-0000-7000-8000-0000000000b2", quantity: "5" } })
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
  unitCost: z.string().describe("Per unit: the given cost for additions, the level's rate for removals"),
  value: z.string().describe("Signed: what the movement added to or took from the stock value, in the currency's minor unit"),
  revaluation: z
    .string()
    .describe(
      "Signed, in the currency's minor unit: what an addition that clears negative stock revalues the goods issued short at (its own cost less value); 0 for every other movement",
    ),
  currency: z.string().describe("The product's currency"),
  quantityAfter: z.string().describe("On-hand in the warehouse after this movement"),
  averageCostAfter: z.string().describe("Value ÷ quantity after this movement"),
  valueAfter: z.string().describe("The stock value in the warehouse after this movement: the sum of its movements' values"),
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
  value: z.string().describe("The sum of the level's movements' values, in the product's currency; 0 when the quantity is"),
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
export type ValuationQuery = z.infer<typeof valuationQuery>;
export const valuationDto = z.object({
  totals: z.array(z.object({ currency: z.string(), value: z.string() })).describe("Σ of the levels' values, per currency"),
});
export type ValuationDto = z.infer<typeof valuationDto>;

/** A ledger row as the API shows it; values at the minor unit of `currency` (the product's). */
export function toMovementDto(movement: StockMovement, currency: string): MovementDto {
  const decimals = minorUnits(currency);
  return {
    id: movement.id,
    productId: movement.productId,
    warehouseId: movement.warehouseId,
    type: movement.type,
    quantity: formatDecimal(movement.quantity, 3),
    unitCost: formatDecimal(movement.unitCost, UNIT_COST_SCALE),
    value: formatDecimal(movement.value, decimals),
    revaluation: formatDecimal(movement.revaluation, decimals),
    currency,
    quantityAfter: formatDecimal(movement.quantityAfter, 3),
    averageCostAfter: formatDecimal(movement.averageCostAfter, UNIT_COST_SCALE),
    valueAfter: formatDecimal(movement.valueAfter, decimals),
    transferId: movement.transferId,
    reason: movement.reason,
    reference: movement.referenceType && movement.referenceId ? { type: movement.referenceType, id: movement.referenceId } : null,
    createdBy: movement.createdBy,
    createdAt: movement.createdAt.toISOString(),
  };
}
