/**
 * In-process wake-ups for relays: appendToOutbox announces, after its transaction commits, that a
 * schema's outbox has new rows, so a relay in the same process publishes at once instead of at
 * its next poll. Relays in other processes still find the rows by polling.
 */
import { EventEmitter } from "node:events";

const committed = new EventEmitter();
committed.setMaxListeners(0);

export function notifyOutboxCommitted(schema: string): void {
  committed.emit(schema);
}

/** Returns the function that stops listening. */
export function onOutboxCommitted(schema: string, listener: () => void): () => void {
  committed.on(schema, listener);
  return () => committed.off(schema, listener);
}
