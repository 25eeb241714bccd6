/** Receiving stock into a warehouse at a unit cost. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { Decimal } from "@erp/money";
import { postSingleMovement } from "./single-movement";
import type { MovementDto, ReceiptInput } from "./stock.schemas";

/**
 * Adds `quantity` at `unitCost`: the level's value grows by quantity × unit cost, rounded to the
 * currency's minor unit (into negative stock, the part that fills the deficit clears it at the
 * value it went out at).
 * @throws AppError 422 UNKNOWN_PRODUCT, NOT_A_STOCK_ITEM, NO_DEFAULT_WAREHOUSE, UNKNOWN_WAREHOUSE
 */
export function recordReceipt(tx: Tx, scope: Scope, input: ReceiptInput): Promise<MovementDto> {
  const quantity = new Decimal(input.quantity);
  const unitCost = new Decimal(input.unitCost);
  return postSingleMovement(tx, scope, input, { type: "receipt", change: { quantity, incoming: { unitCost } } });
}
