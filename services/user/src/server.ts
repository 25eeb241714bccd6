/** Wires the service together: config → migrations → database → app → listen. */
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { authenticate, createTokenVerifier } from "@erp/auth-kit";
import { createDatabase, migrate } from "@erp/db";
import { startServiceEvents } from "@erp/events";
import { createLogger } from "@erp/logging";
import { createApp } from "./app";
import { createAuthClient } from "./clients/auth-client";
import { parseUserConfig } from "./config";
import { PrismaClient } from "./generated/prisma/client";

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

const MIGRATIONS_DIR = join(__dirname, "..", "prisma", "migrations");

export async function startServer(env: NodeJS.ProcessEnv, opts: { port?: number } = {}): Promise<RunningServer> {
  const config = parseUserConfig(env);
  const logger = createLogger({ service: "user", level: config.LOG_LEVEL, format: config.LOG_FORMAT });

  // Idempotent and advisory-locked, so every replica may run it at start-up.
  await migrate({ connectionString: config.DATABASE_URL, schema: "users", migrationsDir: MIGRATIONS_DIR, logger });
  const db = createDatabase({ connectionString: config.DATABASE_URL, PrismaClient, schema: "users", logger, poolMax: config.DB_POOL_MAX });
  const events = await startServiceEvents({ env, service: "user", schema: "users", connectionString: config.DATABASE_URL, pool: db.pool, logger });
  const verifier = createTokenVerifier({ jwksUrl: config.AUTH_JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const auth = createAuthClient({ baseUrl: config.AUTH_URL, internalApiKey: config.INTERNAL_API_KEY, timeoutMs: config.AUTH_TIMEOUT_MS });
  const { app } = createApp({ config, logger, db, authenticate: authenticate(verifier), auth });

  const server = app.listen(opts.port ?? config.USER_PORT);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  logger.info("users service listening", { port });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      });
      await events.close();
      await db.close();
    },
  };
}
