export { eventEnvelopeSchema, type EventEnvelope, type Actor } from "./envelope";
export { defineEvent, findEventDefinition, listEventDefinitions, type EventDefinition } from "./catalog";
export { appendManyToOutbox, appendToOutbox, type OutboxEntry, type RawExecutor } from "./outbox";
export { changedFields } from "./changed-fields";
export { topicOf, eventHeaders } from "./topics";
export type { Transport, Consumer, ConsumeOptions, DeliveryMeta } from "./transport";
export { createTransport, checkEventsConfig, eventsConfig, eventsConfigSchema, type EventsConfig, type CreateTransportOptions } from "./create-transport";
export { createPostgresTransport, type PostgresTransportOptions } from "./postgres/postgres-transport";
export { pruneLog, type LogRetention } from "./postgres/retention";
export { createKafkaTransport, type KafkaTransportOptions } from "./kafka/kafka-transport";
export { startRelay, type Relay, type RelayOptions } from "./relay";
export { subscribe, type Subscription, type SubscribeOptions, type ConsumerStats } from "./subscribe";
export { eventHandler, type EventHandler, type EventHandlers } from "./handlers";
export {
  listDeadLetters,
  replayDeadLetter,
  type DeadLetter,
  type ListDeadLettersOptions,
  type ReplayDeadLetterOptions,
  type ReplayResult,
} from "./dead-letters";
export { buildAsyncApiDocument, type AsyncApiOptions } from "./asyncapi";
export { EVENTS_SCHEMA, eventsMigrationsDir, migrateEvents } from "./migrations";
export type { BackoffOptions } from "./backoff";
export type { EventsLogger } from "./logger";
export {
  startServiceEvents,
  openEvents,
  canOpenEvents,
  type ServiceEvents,
  type ServiceEventsOptions,
  type ServiceEventsTuning,
  type EventsConnection,
  type EventsConnectionOptions,
} from "./service-events";
export { catalogTopics } from "./topics";
export type { BroadcastOptions } from "./transport";
export { subscribeBroadcast, type BroadcastSubscription, type BroadcastSubscriptionOptions } from "./broadcast";
export { pruneProcessedEvents, pruneOutbox, startHousekeeping, type HousekeepingOptions } from "./housekeeping";
