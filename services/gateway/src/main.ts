/** Entry point: start the gateway and stop it gracefully on SIGTERM/SIGINT. */
import { ConfigError } from "@erp/config";
import { startServer } from "./server";

async function main(): Promise<void> {
  const server = await startServer(process.env);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err: unknown) => {
  // A bad environment is one readable line, like every other service; anything else keeps its stack.
  process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
