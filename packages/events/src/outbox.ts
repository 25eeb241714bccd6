import type { z } from "zod";
import { afterCommit, uuidv7 } from "@erp/db";
import { getRequestContext } from "@erp/logging";
import type { EventDefinition } from "./catalog";
import { assertIdentifier } from "./identifiers";
import { notifyOutboxCommitted } from "./outbox-signal";
import { eventEnvelopeSchema, type Actor, type EventEnvelope } from "./envelope";

/** The part of a Prisma interactive-transaction client the outbox writer needs. */
export interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export interface OutboxEntry<TData extends z.ZodType> {
  event: EventDefinition<TData>;
  organizationId: string;
  aggregateType: string;
  aggregateId: string;
  actor: Actor;
  data: z.input<TData>;
}

/**
 * Writes an event into `<schema>.outbox` inside the caller's transaction, so the business change
 * and its event commit together or not at all. A relay publishes the row later; one in this
 * process is woken as soon as the transaction commits.
 */
export async function appendToOutbox<TData extends z.ZodType>(
  tx: RawExecutor,
  schemaName: string,
  entry: OutboxEntry<TData>,
): Promise<EventEnvelope<z.output<TData>>> {
  assertIdentifier(schemaName, "schema name");
  const id = uuidv7();
  const envelope = {
    id,
    type: entry.event.type,
    version: entry.event.version,
    organizationId: entry.organizationId,
    aggregateId: entry.aggregateId,
    occurredAt: new Date().toISOString(),
    actor: entry.actor,
    correlationId: getRequestContext()?.requestId ?? id,
    data: entry.event.data.parse(entry.data) as z.output<TData>,
  };
  eventEnvelopeSchema.parse(envelope);
  await tx.$executeRawUnsafe(
    `INSERT INTO "${schemaName}".outbox (id, organization_id, aggregate_type, aggregate_id, event_type, event_version, envelope)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::jsonb)`,
    envelope.id,
    envelope.organizationId,
    entry.aggregateType,
    entry.aggregateId,
    envelope.type,
    envelope.version,
    JSON.stringify(envelope),
  );
  afterCommit(tx, () => notifyOutboxCommitted(schemaName));
  return envelope;
}
