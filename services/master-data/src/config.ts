/** The master-data service's environment, parsed once at start-up; nothing else reads process.env. */
import { z } from "zod";
import { baseConfigSchema, parseConfig, port, type Env } from "@erp/config";

export const configSchema = baseConfigSchema
  .extend({
    DATABASE_URL: z.string().url(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    MASTER_DATA_PORT: port(3004),
    AUTH_URL: z.string().url().default("http://127.0.0.1:3002"),
    AUTH_JWKS_URL: z.string().url().optional(),
    JWT_ISSUER: z.string().min(1).default("erp-auth"),
    JWT_AUDIENCE: z.string().min(1).default("erp-api"),
  })
  .transform((config) => ({
    ...config,
    AUTH_JWKS_URL: config.AUTH_JWKS_URL ?? `${config.AUTH_URL}/api/v1/auth/.well-known/jwks.json`,
  }));

export type MasterDataConfig = z.output<typeof configSchema>;

/** Throws ConfigError naming every bad variable. */
export function parseMasterDataConfig(env: Env): MasterDataConfig {
  return parseConfig(configSchema, env);
}
