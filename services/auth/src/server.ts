/** Starts the auth service as its descriptor says (src/service.ts); main.ts runs it, tests start it. */
import type { Env } from "@erp/config";
import type { StartedServer } from "@erp/http-kit";
import { startService, type StartServiceOptions } from "@erp/service-kit";
import { authService } from "./service";

/** `options.port`: 0 for any free port (tests); default AUTH_PORT. */
export function startServer(env: Env, options: StartServiceOptions = {}): Promise<StartedServer> {
  return startService(authService, env, options);
}
