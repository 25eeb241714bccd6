/** Receipts, issues and adjustments: one movement in one warehouse. */
import type { Actor } from "@erp/events";
import type { MasterDataDb } from "../../db";
import { Decimal } from "../../money";
import { ledgerContext, resolveWarehouse } from "./movement-target";
import { lockedLevel, lockLevels, MOVEMENT_TRANSACTION, postMovement, type MovementLeg } from "./stock-ledger";
import { toMovementDto, type AdjustmentInput, type IssueInput, type MovementDto, type ReceiptInput } from "./stock.schemas";

type Movement =
  | { type: "receipt"; input: ReceiptInput }
  | { type: "issue"; input: IssueInput }
  | { type: "adjustment"; input: AdjustmentInput };

export async function recordMovement(db: MasterDataDb, organizationId: string, actor: Actor, movement: Movement): Promise<MovementDto> {
  const { input } = movement;
  return db.withOrganization(organizationId, async (tx) => {
    const ctx = await ledgerContext(tx, organizationId, actor, input.productId);
    const warehouseId = await resolveWarehouse(tx, organizationId, input.warehouseId, ctx.defaultWarehouseId);
    const key = { productId: input.productId, warehouseId };
    const level = lockedLevel(await lockLevels(tx, organizationId, [key]), key);
    return toMovementDto(await postMovement(tx, ctx, level, legOf(movement)));
  }, MOVEMENT_TRANSACTION);
}

function legOf(movement: Movement): MovementLeg {
  const { reference } = movement.input;
  switch (movement.type) {
    case "receipt":
      return { type: "receipt", quantity: new Decimal(movement.input.quantity), unitCost: new Decimal(movement.input.unitCost), reference };
    case "issue":
      return { type: "issue", quantity: new Decimal(movement.input.quantity).negated(), reference };
    case "adjustment": {
      const { quantity, unitCost, reason } = movement.input;
      return { type: "adjustment", quantity: new Decimal(quantity), unitCost: unitCost ? new Decimal(unitCost) : undefined, reason, reference };
    }
  }
}
