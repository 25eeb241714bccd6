/**
 * The auth service's names, declared once: the descriptor (service.ts) and events.ts (outbox schema,
 * service actor) import them. `name` is the service (logs, Kafka client id and consumer group,
 * the service actor's id), `schema` its PostgreSQL schema (tables and outbox), `basePath` its
 * public prefix as the gateway forwards it. Imports nothing, so it can be imported from anywhere.
 */
export const serviceNames = {
  name: "auth",
  schema: "auth",
  basePath: "/api/v1/auth",
} as const;
