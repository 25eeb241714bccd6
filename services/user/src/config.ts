/** The users service's environment, parsed once at start-up; nothing else reads process.env. */
import { z } from "zod";
import { tokenVerifierConfig } from "@erp/auth-kit";
import { port } from "@erp/config";
import { serviceConfigSchema } from "@erp/service-kit";

const DAY_SECONDS = 24 * 60 * 60;

/** Every service's variables (base, database, events) and the users service's own. */
export const configSchema = serviceConfigSchema({
  USER_PORT: port(3003),
  ...tokenVerifierConfig,
  AUTH_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  INVITATION_TTL_SECONDS: z.coerce.number().int().min(60).default(7 * DAY_SECONDS),
});

export type UserConfig = z.output<typeof configSchema>;
