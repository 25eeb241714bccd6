/** Starts the finance service as its descriptor says (src/service.ts); main.ts runs it, tests start it. */
import type { Env } from "@erp/config";
import type { StartedServer } from "@erp/http-kit";
import { startService, type StartServiceOptions } from "@erp/service-kit";
import { financeService } from "./service";

/** `options.port`: 0 for any free port (tests); default FINANCE_PORT. */
export function startServer(env: Env, options: StartServiceOptions = {}): Promise<StartedServer> {
  return startService(financeService, env, options);
}
