/** Wires the service together: config → migrations → database → app → listen. */
import { join } from "node:path";
import { authenticate, createTokenVerifier, followSessionRevocations, tokenVerifierOptions } from "@erp/auth-kit";
import { createDatabase, migrate } from "@erp/db";
import { startServiceEvents } from "@erp/events";
import { serveApp, type StartedServer } from "@erp/http-kit";
import { createLogger } from "@erp/logging";
import { createApp } from "./app";
import { createAuthClient } from "./clients/auth-client";
import { parseUserConfig } from "./config";
import { PrismaClient } from "./generated/prisma/client";

const MIGRATIONS_DIR = join(__dirname, "..", "prisma", "migrations");

export async function startServer(env: NodeJS.ProcessEnv, opts: { port?: number } = {}): Promise<StartedServer> {
  const config = parseUserConfig(env);
  const logger = createLogger({ service: "user", level: config.LOG_LEVEL, format: config.LOG_FORMAT });

  // Idempotent and advisory-locked, so every replica may run it at start-up.
  await migrate({ connectionString: config.DATABASE_URL, schema: "users", migrationsDir: MIGRATIONS_DIR, logger });
  const db = createDatabase({ connectionString: config.DATABASE_URL, PrismaClient, schema: "users", logger, poolMax: config.DB_POOL_MAX });
  const events = await startServiceEvents({ env, service: "user", schema: "users", connectionString: config.DATABASE_URL, pool: db.pool, logger });
  // Revoked sessions (logout, reuse, deactivation) are refused here within moments.
  const revocations = await followSessionRevocations({ transport: events.transport, logger });
  const verifier = createTokenVerifier(tokenVerifierOptions(config));
  const auth = createAuthClient({ baseUrl: config.AUTH_URL, internalApiKey: config.INTERNAL_API_KEY, timeoutMs: config.AUTH_TIMEOUT_MS });
  const { app } = createApp({ config, logger, db, authenticate: authenticate(verifier, revocations), auth, readiness: { events: () => events.ready() } });

  const server = await serveApp(app, { port: opts.port ?? config.USER_PORT, host: config.HOST }, async () => {
    await events.close();
    await db.close();
  });
  logger.info("users service listening", { port: server.port });

  return server;
}
