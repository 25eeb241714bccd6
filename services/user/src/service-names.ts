/**
 * The users service's names, declared once: the descriptor (service.ts) and events.ts (outbox schema,
 * service actor) import them. `name` is the service (logs, Kafka client id and consumer group,
 * the service actor's id), `schema` its PostgreSQL schema (tables and outbox), `basePath` its
 * public prefix as the gateway forwards it. Imports nothing, so it can be imported from anywhere.
 */
export const serviceNames = {
  // Singular, like every service's name: `services/user`, its logs, its Kafka client id and
  // consumer group, the `user` actor of its internal calls, USER_PORT and USER_URL.
  name: "user",
  // Plural, as created before the names were fixed: renaming means a migration of every table
  // (and of recorded `_prisma_migrations`) for the schema, a breaking change for the paths.
  schema: "users",
  basePath: "/api/v1/users",
} as const;
