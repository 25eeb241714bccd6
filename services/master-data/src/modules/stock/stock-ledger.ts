/**
 * The stock ledger's one write path. Each movement locks its level (product, warehouse), lets the
 * calculation work out the new quantity and value from the locked figures, writes the level and
 * appends the movement and its events, all in the caller's transaction: concurrent movements on the
 * same level queue behind the lock, so none is lost and none can overdraw.
 */
import { QUEUED_TRANSACTION_OPTIONS } from "@erp/db";
import { stockBelowReorderLevel, stockMoved } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { StockMovement, StockMovementType } from "../../generated/prisma/client";
import { formatDecimal } from "@erp/money";
import { OUTBOX_SCHEMA } from "../../events";
import { applyMovement, UNIT_COST_SCALE, type LedgerRules, type MovementChange } from "./stock-calculation";
import { levelKey, stockRepository, type LevelKey, type LockedLevel } from "./stock.repository";
import type { StockReference } from "./stock.schemas";

/** What every movement of one product is posted under: who, the product's rules and currency. */
export interface LedgerContext {
  scope: Scope;
  rules: LedgerRules;
  currency: string;
}

export interface MovementLeg {
  type: StockMovementType;
  change: MovementChange;
  transferId?: string;
  reason?: string;
  reference?: StockReference;
}

/**
 * Movements on one level queue behind its row lock while holding a pooled connection; under a burst
 * they wait longer for a connection than the default limits allow, which would fail them for load
 * rather than for stock.
 */
export const MOVEMENT_TRANSACTION = QUEUED_TRANSACTION_OPTIONS;

/**
 * Creates missing levels and locks them for the transaction, in an order that cannot deadlock.
 * @returns a function that gives the locked level of a key
 * @throws Error when asked for a key that was not locked (a caller bug)
 */
export async function lockLevels(tx: Tx, scope: Scope, keys: LevelKey[]): Promise<(key: LevelKey) => LockedLevel> {
  const levels = await stockRepository(tx).lockLevels(scope.organizationId, keys);
  return (key) => {
    const level = levels.get(levelKey(key));
    if (!level) throw new Error(`stock level ${levelKey(key)} was not locked`);
    return level;
  };
}

/**
 * Posts one movement on a level locked by `lockLevels`, and updates `level` in place so that a
 * second movement on it in the same transaction starts from this one's result.
 * @throws AppError 422 INSUFFICIENT_STOCK (see `applyMovement`)
 */
export async function postMovement(tx: Tx, ctx: LedgerContext, level: LockedLevel, leg: MovementLeg): Promise<StockMovement> {
  const { organizationId, actor } = ctx.scope;
  const repository = stockRepository(tx);
  const posting = applyMovement(level, leg.change, ctx.rules);
  const { after } = posting;

  await repository.saveLevel(organizationId, level.id, after);
  const movement = await repository.appendMovement(organizationId, {
    productId: level.productId,
    warehouseId: level.warehouseId,
    type: leg.type,
    quantity: posting.quantity,
    unitCost: posting.unitCost,
    value: posting.value,
    revaluation: posting.revaluation,
    quantityAfter: after.quantity,
    averageCostAfter: after.averageCost,
    valueAfter: after.value,
    transferId: leg.transferId ?? null,
    reason: leg.reason ?? null,
    referenceType: leg.reference?.type ?? null,
    referenceId: leg.reference?.id ?? null,
    createdBy: `${actor.type}:${actor.id}`,
  });
  Object.assign(level, after);

  const event = { organizationId, aggregateType: "product_stock", aggregateId: level.productId, actor };
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    ...event,
    event: stockMoved,
    data: {
      movementId: movement.id,
      productId: level.productId,
      warehouseId: level.warehouseId,
      type: leg.type,
      quantity: formatDecimal(posting.quantity, 3),
      unitCost: formatDecimal(posting.unitCost, UNIT_COST_SCALE),
      quantityOnHand: formatDecimal(after.quantity, 3),
      averageCost: formatDecimal(after.averageCost, UNIT_COST_SCALE),
      value: formatDecimal(posting.value, ctx.rules.minorUnits),
      revaluation: formatDecimal(posting.revaluation, ctx.rules.minorUnits),
      valueOnHand: formatDecimal(after.value, ctx.rules.minorUnits),
      currency: ctx.currency,
      transferId: leg.transferId ?? null,
      reason: leg.reason ?? null,
      reference: leg.reference ?? null,
    },
  });
  if (posting.crossedReorderLevel && ctx.rules.reorderLevel) {
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      ...event,
      event: stockBelowReorderLevel,
      data: {
        productId: level.productId,
        warehouseId: level.warehouseId,
        quantityOnHand: formatDecimal(after.quantity, 3),
        reorderLevel: formatDecimal(ctx.rules.reorderLevel, 3),
      },
    });
  }
  return movement;
}
