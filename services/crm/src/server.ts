/** Starts the CRM service as its descriptor says (src/service.ts); main.ts runs it, tests start it. */
import type { Env } from "@erp/config";
import type { StartedServer } from "@erp/http-kit";
import { startService, type StartServiceOptions } from "@erp/service-kit";
import { crmService } from "./service";

/** `options.port`: 0 for any free port (tests); default CRM_PORT. */
export function startServer(env: Env, options: StartServiceOptions = {}): Promise<StartedServer> {
  return startService(crmService, env, options);
}
