/** The CRM service's environment, parsed once at start-up; nothing else reads process.env. */
import { z } from "zod";
import { tokenVerifierConfig } from "@erp/auth-kit";
import { port } from "@erp/config";
import { serviceConfigSchema } from "@erp/service-kit";

/** Every service's variables (base, database, events) and the CRM's own. */
export const configSchema = serviceConfigSchema({
  CRM_PORT: port(3006),
  /** Where a member whose membership events the CRM never saw is looked up, once (owners, assignees). */
  USER_URL: z.url().default("http://127.0.0.1:3003"),
  USER_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
  ...tokenVerifierConfig,
  /** How often tasks that fell due are looked for (crm.task.due is published within about this long). */
  CRM_TASK_DUE_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
});

export type CrmConfig = z.output<typeof configSchema>;
