import { join } from "node:path";
import { migrate, type DbLogger, type MigrateResult } from "@erp/db";

/** The platform schema holding the event log, offsets, processed events and dead letters. */
export const EVENTS_SCHEMA = "events";
export const eventsMigrationsDir = join(__dirname, "..", "prisma", "migrations");

/** Applies the events schema's migrations (before or beside the services' own). */
export function migrateEvents(connectionString: string, logger?: DbLogger): Promise<MigrateResult> {
  return migrate({ connectionString, schema: EVENTS_SCHEMA, migrationsDir: eventsMigrationsDir, logger });
}
