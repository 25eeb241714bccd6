/** The steps receipts, issues and adjustments share: one movement on one level. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerContext, resolveWarehouse } from "./movement-target";
import { lockLevels, postMovement, type MovementLeg } from "./stock-ledger";
import { toMovementDto, type MovementDto, type StockReference } from "./stock.schemas";

export interface MovementTarget {
  productId: string;
  /** Defaults to the organization's default warehouse. */
  warehouseId?: string;
  reference?: StockReference;
}

/**
 * Posts `leg` on the target's level, in its warehouse or the organization's default one.
 * @throws AppError 422 UNKNOWN_PRODUCT, NOT_A_STOCK_ITEM, NO_DEFAULT_WAREHOUSE, UNKNOWN_WAREHOUSE, INSUFFICIENT_STOCK
 */
export async function postSingleMovement(
  tx: Tx,
  scope: Scope,
  target: MovementTarget,
  leg: Omit<MovementLeg, "reference">,
): Promise<MovementDto> {
  const ctx = await ledgerContext(tx, scope, target.productId);
  const key = { productId: target.productId, warehouseId: await resolveWarehouse(tx, scope, target.warehouseId, ctx.defaultWarehouseId) };
  const locked = await lockLevels(tx, scope, [key]);
  const movement = await postMovement(tx, ctx, locked(key), { ...leg, reference: target.reference });
  return toMovementDto(movement, ctx.currency);
}
