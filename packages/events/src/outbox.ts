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
  const [envelope] = await appendManyToOutbox(tx, schemaName, [entry]);
  return envelope!;
}

/**
 * `appendToOutbox` for several events in one statement (one round trip however many): what a
 * batch that commits many changes together writes, in order.
 */
export async function appendManyToOutbox<TData extends z.ZodType>(
  tx: RawExecutor,
  schemaName: string,
  entries: readonly OutboxEntry<TData>[],
): Promise<EventEnvelope<z.output<TData>>[]> {
  assertIdentifier(schemaName, "schema name");
  if (entries.length === 0) return [];
  const correlationId = getRequestContext()?.requestId;
  const envelopes = entries.map((entry) => {
    const id = uuidv7();
    const envelope = {
      id,
      type: entry.event.type,
      version: entry.event.version,
      organizationId: entry.organizationId,
      aggregateId: entry.aggregateId,
      occurredAt: new Date().toISOString(),
      actor: entry.actor,
      correlationId: correlationId ?? id,
      data: entry.event.data.parse(entry.data) as z.output<TData>,
    };
    eventEnvelopeSchema.parse(envelope);
    return envelope;
  });
  await tx.$executeRawUnsafe(
    `INSERT INTO "${schemaName}".outbox (id, organization_id, aggregate_type, aggregate_id, event_type, event_version, envelope)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::jsonb[])`,
    envelopes.map((envelope) => envelope.id),
    envelopes.map((envelope) => envelope.organizationId),
    entries.map((entry) => entry.aggregateType),
    entries.map((entry) => entry.aggregateId),
    envelopes.map((envelope) => envelope.type),
    envelopes.map((envelope) => envelope.version),
    envelopes.map((envelope) => JSON.stringify(envelope)),
  );
  afterCommit(tx, () => notifyOutboxCommitted(schemaName));
  return envelopes;
}
