/**
 * Master-data's customers, suppliers and products, copied into finance's read model
 * (modules/parties) in the transaction `applyOnce` hands the handler: once per event id, and an
 * event older than the last one applied to the record changes nothing.
 */
import {
  customerArchived,
  customerCreated,
  customerRestored,
  customerUpdated,
  productArchived,
  productCreated,
  productRestored,
  productUpdated,
  supplierArchived,
  supplierCreated,
  supplierRestored,
  supplierUpdated,
} from "@erp/event-catalog";
import { eventHandler, type EventDefinition, type EventEnvelope, type EventHandler } from "@erp/events";
import type { z } from "zod";
import type { Tx } from "../db";
import { asService } from "../events";
import { applyPartySnapshot, applyPartyStatus, applyProductSnapshot, applyProductStatus, type PartyKind } from "../modules/parties/party-read-model";

type Snapshot = z.output<typeof supplierCreated.data>;

const partySnapshotHandler = <D extends z.ZodType<Snapshot & { creditLimit?: string | null }>>(definition: EventDefinition<D>, kind: PartyKind) =>
  eventHandler(definition, async (event: EventEnvelope<z.output<D>>, tx: Tx) => {
    const d = event.data;
    await applyPartySnapshot(tx, asService(event.organizationId), {
      kind,
      id: event.aggregateId,
      occurredAt: event.occurredAt,
      snapshot: {
        code: d.code,
        legalName: d.legalName,
        displayName: d.displayName,
        taxId: d.taxId,
        email: d.email,
        billingAddress: d.billingAddress,
        paymentTermsDays: d.paymentTermsDays,
        currency: d.currency,
        creditLimit: d.creditLimit ?? null,
        status: d.status,
      },
    });
  });

const partyStatusHandler = <D extends z.ZodType<{ code: string; status: "active" | "archived" }>>(definition: EventDefinition<D>, kind: PartyKind) =>
  eventHandler(definition, async (event: EventEnvelope<z.output<D>>, tx: Tx) => {
    await applyPartyStatus(tx, asService(event.organizationId), {
      kind,
      id: event.aggregateId,
      code: event.data.code,
      archived: event.data.status === "archived",
      occurredAt: event.occurredAt,
    });
  });

const productSnapshotHandler = (definition: typeof productCreated | typeof productUpdated) =>
  eventHandler(definition, async (event, tx: Tx) => {
    const d = event.data;
    await applyProductSnapshot(tx, asService(event.organizationId), {
      id: event.aggregateId,
      occurredAt: event.occurredAt,
      snapshot: {
        sku: d.sku,
        name: d.name,
        type: d.type,
        unitOfMeasure: d.unitOfMeasure,
        salePrice: d.salePrice,
        purchaseCost: d.purchaseCost,
        currency: d.currency,
        taxRate: d.taxRate,
        status: d.status,
      },
    });
  });

const productStatusHandler = <D extends z.ZodType<{ sku: string; status: "active" | "archived" }>>(definition: EventDefinition<D>) =>
  eventHandler(definition, async (event: EventEnvelope<z.output<D>>, tx: Tx) => {
    await applyProductStatus(tx, asService(event.organizationId), {
      id: event.aggregateId,
      sku: event.data.sku,
      archived: event.data.status === "archived",
      occurredAt: event.occurredAt,
    });
  });

/** The handlers, by event type, for the finance consumer group (consumers/index.ts). */
export const masterDataHandlers: Record<string, EventHandler<Tx>> = {
  [customerCreated.type]: partySnapshotHandler(customerCreated, "customer"),
  [customerUpdated.type]: partySnapshotHandler(customerUpdated, "customer"),
  [customerArchived.type]: partyStatusHandler(customerArchived, "customer"),
  [customerRestored.type]: partyStatusHandler(customerRestored, "customer"),
  [supplierCreated.type]: partySnapshotHandler(supplierCreated, "supplier"),
  [supplierUpdated.type]: partySnapshotHandler(supplierUpdated, "supplier"),
  [supplierArchived.type]: partyStatusHandler(supplierArchived, "supplier"),
  [supplierRestored.type]: partyStatusHandler(supplierRestored, "supplier"),
  [productCreated.type]: productSnapshotHandler(productCreated),
  [productUpdated.type]: productSnapshotHandler(productUpdated),
  [productArchived.type]: productStatusHandler(productArchived),
  [productRestored.type]: productStatusHandler(productRestored),
};
