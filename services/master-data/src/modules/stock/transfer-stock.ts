/**
 * Moves stock between two warehouses: two movements sharing a transfer id, in the caller's
 * transaction, so either both legs are written or neither. The goods arrive with exactly the value
 * they left with.
 */
import { uuidv7 } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { Decimal } from "@erp/money";
import { ledgerContext, resolveWarehouse } from "./movement-target";
import { lockLevels, postMovement } from "./stock-ledger";
import { toMovementDto, type MovementDto, type TransferInput } from "./stock.schemas";

/**
 * Takes `quantity` out of the source at its rate and brings the same value into the destination.
 * @returns the transfer id and both movements, leaving first
 * @throws AppError 422 INSUFFICIENT_STOCK (at the source), UNKNOWN_PRODUCT, NOT_A_STOCK_ITEM, UNKNOWN_WAREHOUSE
 */
export async function transferStock(tx: Tx, scope: Scope, input: TransferInput): Promise<{ transferId: string; movements: MovementDto[] }> {
  const ctx = await ledgerContext(tx, scope, input.productId);
  const from = { productId: input.productId, warehouseId: await resolveWarehouse(tx, scope, input.fromWarehouseId, null, "fromWarehouseId") };
  const to = { productId: input.productId, warehouseId: await resolveWarehouse(tx, scope, input.toWarehouseId, null, "toWarehouseId") };
  const locked = await lockLevels(tx, scope, [from, to]);

  const transferId = uuidv7();
  const quantity = new Decimal(input.quantity);
  const leaving = await postMovement(tx, ctx, locked(from), { type: "transfer_out", change: { quantity: quantity.negated() }, transferId, reference: input.reference });
  const arriving = await postMovement(tx, ctx, locked(to), {
    type: "transfer_in",
    change: { quantity, incoming: { unitCost: leaving.unitCost, value: leaving.value.negated() } },
    transferId,
    reference: input.reference,
  });
  return { transferId, movements: [toMovementDto(leaving, ctx.currency), toMovementDto(arriving, ctx.currency)] };
}
