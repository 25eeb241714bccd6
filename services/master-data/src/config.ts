/** The master-data service's environment, parsed once at start-up; nothing else reads process.env. */
import type { z } from "zod";
import { tokenVerifierConfig } from "@erp/auth-kit";
import { port } from "@erp/config";
import { serviceConfigSchema } from "@erp/service-kit";

/** Every service's variables (base, database, events) and the master-data service's own. */
export const configSchema = serviceConfigSchema({
  MASTER_DATA_PORT: port(3004),
  ...tokenVerifierConfig,
});

export type MasterDataConfig = z.output<typeof configSchema>;
