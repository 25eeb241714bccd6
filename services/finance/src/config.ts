/** The finance service's environment, parsed once at start-up; nothing else reads process.env. */
import { z } from "zod";
import { tokenVerifierConfig } from "@erp/auth-kit";
import { port } from "@erp/config";
import { serviceConfigSchema } from "@erp/service-kit";

/** Every service's variables (base, database, events) and the finance service's own. */
export const configSchema = serviceConfigSchema({
  FINANCE_PORT: port(3005),
  /** Where an organization older than finance is looked up once (base currency, fiscal year start). */
  TENANT_URL: z.url().default("http://127.0.0.1:3001"),
  TENANT_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
  ...tokenVerifierConfig,
});

export type FinanceConfig = z.output<typeof configSchema>;
