/** The tenant service's environment, parsed once at start-up; nothing else reads process.env. */
import { z } from "zod";
import { tokenVerifierConfig } from "@erp/auth-kit";
import { baseConfigSchema, parseConfig, port, type Env } from "@erp/config";

const MINUTE = 60_000;

export const configSchema = baseConfigSchema
  .extend({
    DATABASE_URL: z.string().url(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    TENANT_PORT: port(3001),
    ...tokenVerifierConfig,
    /** How often the sweeper looks for registrations that never got activated. */
    PENDING_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(MINUTE),
    /** A pending organization older than this is a crashed registration and gets deleted. */
    PENDING_ORGANIZATION_TTL_MS: z.coerce.number().int().min(1000).default(15 * MINUTE),
  });

export type TenantConfig = z.output<typeof configSchema>;

/** Throws ConfigError naming every bad variable. */
export function parseTenantConfig(env: Env): TenantConfig {
  return parseConfig(configSchema, env);
}
