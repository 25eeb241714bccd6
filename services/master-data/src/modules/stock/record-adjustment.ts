/** Correcting a level by a signed quantity, with a reason (counts, damage, finds). */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { Decimal } from "@erp/money";
import { postSingleMovement } from "./single-movement";
import type { AdjustmentInput, MovementDto } from "./stock.schemas";

/**
 * Adds or removes stock. A removal goes out like an issue; an addition comes in at `unitCost`
 * when given, at the level's current rate otherwise.
 * @throws AppError 422 INSUFFICIENT_STOCK, UNKNOWN_PRODUCT, NOT_A_STOCK_ITEM, NO_DEFAULT_WAREHOUSE, UNKNOWN_WAREHOUSE
 */
export function recordAdjustment(tx: Tx, scope: Scope, input: AdjustmentInput): Promise<MovementDto> {
  const quantity = new Decimal(input.quantity);
  const unitCost = input.unitCost === undefined ? undefined : new Decimal(input.unitCost);
  return postSingleMovement(tx, scope, input, {
    type: "adjustment",
    change: { quantity, incoming: unitCost && { unitCost } },
    reason: input.reason,
  });
}
