/**
 * Moves stock between two warehouses: one transaction, two movements sharing a transfer id; the
 * goods arrive at the cost they left at. Either both legs are written or neither.
 */
import { uuidv7 } from "@erp/db";
import type { Actor } from "@erp/events";
import type { MasterDataDb } from "../../db";
import { Decimal } from "../../money";
import { ledgerContext, resolveWarehouse } from "./movement-target";
import { lockedLevel, lockLevels, MOVEMENT_TRANSACTION, postMovement } from "./stock-ledger";
import { toMovementDto, type MovementDto, type TransferInput } from "./stock.schemas";

export async function transferStock(
  db: MasterDataDb,
  organizationId: string,
  actor: Actor,
  input: TransferInput,
): Promise<{ transferId: string; movements: MovementDto[] }> {
  return db.withOrganization(organizationId, async (tx) => {
    const ctx = await ledgerContext(tx, organizationId, actor, input.productId);
    const from = { productId: input.productId, warehouseId: await resolveWarehouse(tx, organizationId, input.fromWarehouseId, null, "fromWarehouseId") };
    const to = { productId: input.productId, warehouseId: await resolveWarehouse(tx, organizationId, input.toWarehouseId, null, "toWarehouseId") };
    const levels = await lockLevels(tx, organizationId, [from, to]);

    const transferId = uuidv7();
    const quantity = new Decimal(input.quantity);
    const out = await postMovement(tx, ctx, lockedLevel(levels, from), {
      type: "transfer_out",
      quantity: quantity.negated(),
      transferId,
      reference: input.reference,
    });
    const arrival = await postMovement(tx, ctx, lockedLevel(levels, to), {
      type: "transfer_in",
      quantity,
      unitCost: out.unitCost,
      transferId,
      reference: input.reference,
    });
    return { transferId, movements: [toMovementDto(out), toMovementDto(arrival)] };
  }, MOVEMENT_TRANSACTION);
}
