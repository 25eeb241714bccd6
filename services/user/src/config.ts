/** The users service's environment, parsed once at start-up; nothing else reads process.env. */
import { z } from "zod";
import { tokenVerifierConfig } from "@erp/auth-kit";
import { baseConfigSchema, parseConfig, port, type Env } from "@erp/config";

const DAY_SECONDS = 24 * 60 * 60;

export const configSchema = baseConfigSchema
  .extend({
    DATABASE_URL: z.string().url(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    USER_PORT: port(3003),
    ...tokenVerifierConfig,
    AUTH_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
    INVITATION_TTL_SECONDS: z.coerce.number().int().min(60).default(7 * DAY_SECONDS),
  });

export type UserConfig = z.output<typeof configSchema>;

/** Throws ConfigError naming every bad variable. */
export function parseUserConfig(env: Env): UserConfig {
  return parseConfig(configSchema, env);
}
