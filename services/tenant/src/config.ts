/** The tenant service's environment, parsed once at start-up; nothing else reads process.env. */
import { z } from "zod";
import { tokenVerifierConfig } from "@erp/auth-kit";
import { port } from "@erp/config";
import { serviceConfigSchema } from "@erp/service-kit";

const MINUTE = 60_000;

/** Every service's variables (base, database, events) and the tenant service's own. */
export const configSchema = serviceConfigSchema({
  TENANT_PORT: port(3001),
  ...tokenVerifierConfig,
  /** How often the sweeper looks for registrations that never got activated. */
  PENDING_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(MINUTE),
  /** A pending organization older than this is a crashed registration and gets deleted. */
  PENDING_ORGANIZATION_TTL_MS: z.coerce.number().int().min(1000).default(15 * MINUTE),
});

export type TenantConfig = z.output<typeof configSchema>;
