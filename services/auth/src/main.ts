/** Entry point: config → service → listen, with graceful shutdown on SIGTERM/SIGINT. */
import { loadConfig } from "@erp/config";
import { listen } from "@erp/http-kit";
import { authConfigSchema } from "./config";
import { createAuthService } from "./server";

async function main(): Promise<void> {
  const config = loadConfig(authConfigSchema, process.env);
  const service = await createAuthService(config);
  listen(service.app, { port: config.AUTH_PORT, logger: service.logger, onShutdown: () => service.close() });
}

main().catch((err: unknown) => {
  process.stderr.write(`auth: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
