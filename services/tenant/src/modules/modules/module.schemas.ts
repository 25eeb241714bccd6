/** Modules as the API shows them, and the switch request. */
import { z } from "zod";
import { MODULE_KEYS } from "./module-keys";

// A plain string, not an enum: an unknown module is a missing resource (404), not a bad request.
export const moduleParams = z.object({ module: z.string().min(1).max(50).openapi({ example: "master-data" }) });

export const setModuleBody = z.object({ enabled: z.boolean() }).strict().openapi({ example: { enabled: true } });

export const moduleDto = z.object({
  module: z.enum(MODULE_KEYS),
  enabled: z.boolean(),
  includedInPlan: z.boolean(),
});

export type ModuleDto = z.infer<typeof moduleDto>;
