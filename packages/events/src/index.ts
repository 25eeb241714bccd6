export { eventEnvelopeSchema, type EventEnvelope, type Actor } from "./envelope";
export { defineEvent, findEventDefinition, listEventDefinitions, type EventDefinition } from "./catalog";
export { appendToOutbox, type OutboxEntry, type RawExecutor } from "./outbox";
