import type { z } from "zod";
import type { EventDefinition } from "./catalog";
import type { EventEnvelope } from "./envelope";

/** How a consumer group reacts to one event type. */
export interface EventHandler<Tx> {
  /** The versions this handler understands; other versions are skipped and counted. */
  versions: readonly number[];
  /** Runs in the transaction that records the event as processed: both commit or neither. */
  handle(envelope: EventEnvelope, tx: Tx): Promise<void>;
}

/** Handlers by event type (`"tenant.organization.created"`). */
export type EventHandlers<Tx> = Record<string, EventHandler<Tx>>;

/**
 * A handler for one version of a catalogued event, receiving `data` parsed by its schema: data
 * that does not match fails the attempt like any handler error (and ends as a dead letter).
 */
export function eventHandler<TData extends z.ZodType, Tx>(
  definition: EventDefinition<TData>,
  handle: (envelope: EventEnvelope<z.output<TData>>, tx: Tx) => Promise<void>,
): EventHandler<Tx> {
  return {
    versions: [definition.version],
    handle: (envelope, tx) => handle({ ...envelope, data: definition.data.parse(envelope.data) }, tx),
  };
}

export function findHandler<Tx>(handlers: EventHandlers<Tx>, envelope: EventEnvelope): EventHandler<Tx> | undefined {
  return Object.hasOwn(handlers, envelope.type) ? handlers[envelope.type] : undefined;
}
