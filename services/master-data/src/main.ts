/** Entry point: starts the service and shuts it down gracefully on SIGTERM/SIGINT. */
import { ConfigError } from "@erp/config";
import { startServer } from "./server";

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const server = await startServer(process.env);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`master-data: ${signal} received, shutting down\n`);
    // In-flight requests get a grace period; one that hangs must not keep the process alive.
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`master-data: shutdown failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  // A bad environment is one readable line; anything else gets its stack.
  process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
