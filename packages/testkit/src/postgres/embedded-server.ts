import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { loadEmbeddedPostgresRuntime } from "./embedded-runtime";

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * A throwaway cluster for one test run. Durability is switched off: the data dies with the run,
 * and without fsync creating databases from the template is several times faster.
 */
export async function startEmbeddedServer(wantedDataDir: string): Promise<EmbeddedServer> {
  // As root, from a directory the `postgres` user cannot enter, the cluster lives elsewhere.
  const { EmbeddedPostgres, options } = await loadEmbeddedPostgresRuntime(wantedDataDir);
  const dataDir = options.databaseDir;
  const port = await freePort();
  const errors: string[] = [];
  const server = new EmbeddedPostgres({
    ...options,
    user: "postgres",
    password: "postgres",
    port,
    persistent: false,
    postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"],
    onLog: () => undefined,
    onError: (message: unknown) => errors.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`Embedded PostgreSQL did not start: ${(err as Error).message}\n${errors.join("\n")}`, { cause: err });
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
