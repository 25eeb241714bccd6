/** The environment of every service that owns a database, declared once (see `createDatabase`). */
import { z } from "zod";

/**
 * Spread into a service's config schema (`baseConfigSchema.extend({ ...databaseConfig, ... })`;
 * `serviceConfigSchema` in @erp/service-kit does it for every service).
 */
export const databaseConfig = {
  /** The owner connection: migrations run with it; requests run as the app role through it. */
  DATABASE_URL: z.url(),
  /** Connections of the service's pool (`createDatabase`'s `poolMax`). */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
};

export interface DatabaseConfig {
  DATABASE_URL: string;
  DB_POOL_MAX: number;
}
