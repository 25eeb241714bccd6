import type { z } from "zod";

/** One version of one event type, with the schema of its `data`. */
export interface EventDefinition<TData extends z.ZodType = z.ZodType> {
  type: string;
  version: number;
  data: TData;
}

const definitions = new Map<string, EventDefinition>();

const keyOf = (type: string, version: number) => `${type}@${version}`;

/**
 * Declares an event type and version. Services declare their events once (src/events.ts) and
 * the catalog is what producers validate against and what is published for outside consumers.
 */
export function defineEvent<TData extends z.ZodType>(type: string, version: number, data: TData): EventDefinition<TData> {
  const key = keyOf(type, version);
  const existing = definitions.get(key);
  if (existing && existing.data !== data) throw new Error(`event ${key} is defined twice`);
  const definition = { type, version, data };
  definitions.set(key, definition);
  return definition;
}

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return definitions.get(keyOf(type, version));
}

export function listEventDefinitions(): EventDefinition[] {
  return [...definitions.values()].sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);
}
