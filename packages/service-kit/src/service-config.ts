/** The config schema of a service: what every service reads, declared once, plus its own variables. */
import { baseConfigSchema, type BaseConfig } from "@erp/config";
import { databaseConfig, type DatabaseConfig } from "@erp/db";
import { checkEventsConfig, eventsConfig, type EventsConfig } from "@erp/events";
import type { z } from "zod";

/** What `startService` reads from every service's config. */
export type ServiceConfig = BaseConfig & DatabaseConfig & EventsConfig;

/**
 * `baseConfigSchema` (NODE_ENV, LOG_*, HOST, CORS_ORIGINS, BODY_LIMIT, INTERNAL_API_KEY) extended
 * with the database (`databaseConfig`: DATABASE_URL, DB_POOL_MAX), the event backbone
 * (`eventsConfig`: KAFKA_BROKERS, EVENTS_*, with its cross-variable check) and `fields`, the
 * service's own variables (its port, `...tokenVerifierConfig`, its timings). The result is still
 * a zod object: `.extend()` it further if needed.
 */
export function serviceConfigSchema<const Fields extends z.ZodRawShape>(fields: Fields) {
  const schema = baseConfigSchema.extend({ ...databaseConfig, ...eventsConfig, ...fields });
  // The fields' type is open here; the events' variables are there whatever `fields` holds.
  return schema.superRefine((config, context) => checkEventsConfig(config as unknown as EventsConfig, context));
}
