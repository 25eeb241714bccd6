/** Issuing stock out of a warehouse. */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { Decimal } from "@erp/money";
import { postSingleMovement } from "./single-movement";
import type { IssueInput, MovementDto } from "./stock.schemas";

/**
 * Removes `quantity` at the level's unrounded rate: it takes value × quantity ÷ on-hand, rounded
 * to the currency's minor unit, and all that is left when it empties the level.
 * @throws AppError 422 INSUFFICIENT_STOCK, UNKNOWN_PRODUCT, NOT_A_STOCK_ITEM, NO_DEFAULT_WAREHOUSE, UNKNOWN_WAREHOUSE
 */
export function recordIssue(tx: Tx, scope: Scope, input: IssueInput): Promise<MovementDto> {
  const quantity = new Decimal(input.quantity).negated();
  return postSingleMovement(tx, scope, input, { type: "issue", change: { quantity } });
}
