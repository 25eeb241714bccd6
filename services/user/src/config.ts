/** The users service's environment, parsed once at start-up; nothing else reads process.env. */
import { z } from "zod";
import { baseConfigSchema, parseConfig, port, type Env } from "@erp/config";

const DAY_SECONDS = 24 * 60 * 60;

export const configSchema = baseConfigSchema
  .extend({
    DATABASE_URL: z.string().url(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    USER_PORT: port(3003),
    AUTH_URL: z.string().url().default("http://127.0.0.1:3002"),
    AUTH_JWKS_URL: z.string().url().optional(),
    AUTH_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
    JWT_ISSUER: z.string().min(1).default("erp-auth"),
    JWT_AUDIENCE: z.string().min(1).default("erp-api"),
    INVITATION_TTL_SECONDS: z.coerce.number().int().min(60).default(7 * DAY_SECONDS),
  })
  .transform((config) => ({
    ...config,
    AUTH_JWKS_URL: config.AUTH_JWKS_URL ?? `${config.AUTH_URL}/api/v1/auth/.well-known/jwks.json`,
  }));

export type UserConfig = z.output<typeof configSchema>;

/** Throws ConfigError naming every bad variable. */
export function parseUserConfig(env: Env): UserConfig {
  return parseConfig(configSchema, env);
}
