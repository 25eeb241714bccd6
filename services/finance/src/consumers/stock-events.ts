/**
 * Master-data's stock movements, posted to the ledger (modules/stock-accounting) in the
 * transaction `applyOnce` hands the handler: the processed-event record and the entry commit
 * together, and the entry's source (the movement id) keeps a redelivery from posting twice.
 */
import { stockMoved } from "@erp/event-catalog";
import { eventHandler, type EventHandler } from "@erp/events";
import type { Tx } from "../db";
import { asService } from "../events";
import { postStockMovement } from "../modules/stock-accounting/post-stock-movement";

/** The handlers, by event type, for the finance consumer group (consumers/index.ts). */
export const stockHandlers: Record<string, EventHandler<Tx>> = {
  [stockMoved.type]: eventHandler(stockMoved, async (event, tx: Tx) => {
    const d = event.data;
    await postStockMovement(tx, asService(event.organizationId), {
      movementId: d.movementId,
      productId: d.productId,
      warehouseId: d.warehouseId,
      type: d.type,
      quantity: d.quantity,
      value: d.value,
      revaluation: d.revaluation,
      currency: d.currency,
      reason: d.reason,
      reference: d.reference,
      occurredAt: event.occurredAt,
    });
  }),
};
