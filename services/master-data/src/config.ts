/** The master-data service's environment, parsed once at start-up; nothing else reads process.env. */
import { z } from "zod";
import { tokenVerifierConfig } from "@erp/auth-kit";
import { baseConfigSchema, parseConfig, port, type Env } from "@erp/config";

export const configSchema = baseConfigSchema
  .extend({
    DATABASE_URL: z.string().url(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    MASTER_DATA_PORT: port(3004),
    ...tokenVerifierConfig,
  });

export type MasterDataConfig = z.output<typeof configSchema>;

/** Throws ConfigError naming every bad variable. */
export function parseMasterDataConfig(env: Env): MasterDataConfig {
  return parseConfig(configSchema, env);
}
