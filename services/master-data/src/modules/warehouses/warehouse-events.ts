/** The warehouse events, appended to the outbox in the use case's transaction. */
import { warehouseCreated, warehouseDeleted, warehouseUpdated } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { warehouseSnapshot, type WarehouseDto } from "./warehouse.schemas";

const entry = (scope: Scope, warehouse: WarehouseDto) => ({
  organizationId: scope.organizationId,
  aggregateType: "warehouse",
  aggregateId: warehouse.id,
  actor: scope.actor,
});

export async function warehouseWasCreated(tx: Tx, scope: Scope, warehouse: WarehouseDto): Promise<void> {
  await appendToOutbox(tx, OUTBOX_SCHEMA, { ...entry(scope, warehouse), event: warehouseCreated, data: warehouseSnapshot(warehouse) });
}

/** `changed`: the fields that changed, never empty. */
export async function warehouseWasUpdated(tx: Tx, scope: Scope, warehouse: WarehouseDto, changed: string[]): Promise<void> {
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    ...entry(scope, warehouse),
    event: warehouseUpdated,
    data: { ...warehouseSnapshot(warehouse), changedFields: changed },
  });
}

export async function warehouseWasDeleted(tx: Tx, scope: Scope, warehouse: WarehouseDto): Promise<void> {
  await appendToOutbox(tx, OUTBOX_SCHEMA, { ...entry(scope, warehouse), event: warehouseDeleted, data: { code: warehouse.code, name: warehouse.name } });
}
