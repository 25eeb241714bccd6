/**
 * The stock ledger's one write path. Each movement locks its on-hand row (product, warehouse),
 * computes the new quantity and moving average cost from the locked values, updates the row and
 * appends the movement and its events, all in the caller's transaction: concurrent movements on
 * the same row queue behind the lock, so none is lost and none can overdraw.
 */
import { uuidv7 } from "@erp/db";
import { stockBelowReorderLevel, stockMoved } from "@erp/event-catalog";
import { appendToOutbox, type Actor } from "@erp/events";
import type { Tx } from "../../db";
import type { StockMovement, StockMovementType } from "../../generated/prisma/client";
import { Decimal, formatDecimal } from "../../money";
import { OUTBOX_SCHEMA } from "../../events";
import { insufficientStock } from "./stock.errors";
import type { StockReference } from "./stock.schemas";

export interface LevelKey {
  productId: string;
  warehouseId: string;
}

export interface LockedLevel extends LevelKey {
  id: string;
  quantity: Decimal;
  averageCost: Decimal;
}

export interface MovementLeg {
  type: StockMovementType;
  /** Signed: positive adds stock. */
  quantity: Decimal;
  /** Cost of what comes in; removals always go out at the average cost. */
  unitCost?: Decimal;
  transferId?: string;
  reason?: string;
  reference?: StockReference;
}

export interface LedgerContext {
  organizationId: string;
  actor: Actor;
  allowNegativeStock: boolean;
  reorderLevel: Decimal | null;
}

/**
 * Movements on one level queue behind its row lock while holding a pooled connection; under a burst
 * they wait longer for a connection than Prisma's 2 s default allows, which would fail them for load
 * rather than for stock.
 */
export const MOVEMENT_TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

const keyOf = (key: LevelKey) => `${key.productId}/${key.warehouseId}`;

/**
 * Creates missing on-hand rows and locks them, always in (product, warehouse) id order: two
 * transfers between the same warehouses in opposite directions lock in the same order and so
 * never deadlock.
 */
export async function lockLevels(tx: Tx, organizationId: string, keys: LevelKey[]): Promise<Map<string, LockedLevel>> {
  const normalized = keys.map((k) => ({ productId: k.productId.toLowerCase(), warehouseId: k.warehouseId.toLowerCase() }));
  const sorted = [...new Map(normalized.map((k) => [keyOf(k), k])).values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const levels = new Map<string, LockedLevel>();
  for (const key of sorted) {
    await tx.$executeRaw`
      INSERT INTO stock_levels (id, organization_id, product_id, warehouse_id, quantity, average_cost, updated_at)
      VALUES (${uuidv7()}::uuid, ${organizationId}::uuid, ${key.productId}::uuid, ${key.warehouseId}::uuid, 0, 0, now())
      ON CONFLICT (organization_id, product_id, warehouse_id) DO NOTHING`;
    const [row] = await tx.$queryRaw<{ id: string; quantity: string; average_cost: string }[]>`
      SELECT id::text AS id, quantity::text AS quantity, average_cost::text AS average_cost FROM stock_levels
      WHERE organization_id = ${organizationId}::uuid AND product_id = ${key.productId}::uuid AND warehouse_id = ${key.warehouseId}::uuid
      FOR UPDATE`;
    if (!row) throw new Error(`stock level ${keyOf(key)} vanished while locking`);
    levels.set(keyOf(key), { ...key, id: row.id, quantity: new Decimal(row.quantity), averageCost: new Decimal(row.average_cost) });
  }
  return levels;
}

export function lockedLevel(levels: Map<string, LockedLevel>, key: LevelKey): LockedLevel {
  const level = levels.get(keyOf({ productId: key.productId.toLowerCase(), warehouseId: key.warehouseId.toLowerCase() }));
  if (!level) throw new Error(`stock level ${keyOf(key)} was not locked`);
  return level;
}

/** Applies one movement to a level locked by `lockLevels` (and updates `level` in place). */
export async function postMovement(tx: Tx, ctx: LedgerContext, level: LockedLevel, leg: MovementLeg): Promise<StockMovement> {
  const before = level.quantity;
  const after = before.plus(leg.quantity);
  let unitCost: Decimal;
  let averageCost: Decimal;
  if (leg.quantity.isNegative()) {
    if (after.isNegative() && !ctx.allowNegativeStock) throw insufficientStock(formatDecimal(before, 3));
    unitCost = level.averageCost;
    averageCost = level.averageCost;
  } else {
    unitCost = leg.unitCost ?? level.averageCost;
    // Moving weighted average; with nothing (or a deficit) on hand the new cost is the receipt's.
    averageCost = before.lte(0) ? unitCost : before.times(level.averageCost).plus(leg.quantity.times(unitCost)).div(after);
    averageCost = averageCost.toDecimalPlaces(4);
  }

  await tx.stockLevel.update({ where: { id: level.id }, data: { quantity: after, averageCost } });
  const movement = await tx.stockMovement.create({
    data: {
      id: uuidv7(),
      organizationId: ctx.organizationId,
      productId: level.productId,
      warehouseId: level.warehouseId,
      type: leg.type,
      quantity: leg.quantity,
      unitCost,
      quantityAfter: after,
      averageCostAfter: averageCost,
      transferId: leg.transferId ?? null,
      reason: leg.reason ?? null,
      referenceType: leg.reference?.type ?? null,
      referenceId: leg.reference?.id ?? null,
      createdBy: `${ctx.actor.type}:${ctx.actor.id}`,
    },
  });
  level.quantity = after;
  level.averageCost = averageCost;

  const event = { organizationId: ctx.organizationId, aggregateType: "product_stock", aggregateId: level.productId, actor: ctx.actor };
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    ...event,
    event: stockMoved,
    data: {
      movementId: movement.id,
      productId: level.productId,
      warehouseId: level.warehouseId,
      type: leg.type,
      quantity: formatDecimal(leg.quantity, 3),
      unitCost: formatDecimal(unitCost, 4),
      quantityOnHand: formatDecimal(after, 3),
      averageCost: formatDecimal(averageCost, 4),
      transferId: leg.transferId ?? null,
      reason: leg.reason ?? null,
      reference: leg.reference ?? null,
    },
  });
  // Once per crossing: only the movement that takes on-hand from at/above the level to below it.
  const reorder = ctx.reorderLevel;
  if (reorder && before.gte(reorder) && after.lt(reorder)) {
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      ...event,
      event: stockBelowReorderLevel,
      data: {
        productId: level.productId,
        warehouseId: level.warehouseId,
        quantityOnHand: formatDecimal(after, 3),
        reorderLevel: formatDecimal(reorder, 3),
      },
    });
  }
  return movement;
}
