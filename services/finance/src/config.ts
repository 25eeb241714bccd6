/** The finance service's environment, parsed once at start-up; nothing else reads process.env. */
import { z } from "zod";
import { tokenVerifierConfig } from "@erp/auth-kit";
import { baseConfigSchema, parseConfig, port, type Env } from "@erp/config";

export const configSchema = baseConfigSchema.extend({
  DATABASE_URL: z.string().url(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  FINANCE_PORT: port(3005),
  /** Where an organization older than finance is looked up once (base currency, fiscal year start). */
  TENANT_URL: z.url().default("http://127.0.0.1:3001"),
  TENANT_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
  ...tokenVerifierConfig,
});

export type FinanceConfig = z.output<typeof configSchema>;

/** Throws ConfigError naming every bad variable. */
export function parseFinanceConfig(env: Env): FinanceConfig {
  return parseConfig(configSchema, env);
}
