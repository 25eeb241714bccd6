/** Wires the service together: config → migrations → database → events → app → listen. */
import { join } from "node:path";
import { authenticate, createTokenVerifier, followSessionRevocations, tokenVerifierOptions } from "@erp/auth-kit";
import { createDatabase, migrate } from "@erp/db";
import { startServiceEvents, subscribe } from "@erp/events";
import { serveApp, type StartedServer } from "@erp/http-kit";
import { createLogger } from "@erp/logging";
import { createApp } from "./app";
import { parseFinanceConfig } from "./config";
import { CONSUMER_GROUP, handlers } from "./consumers";
import { PrismaClient } from "./generated/prisma/client";
import { tenantDirectory } from "./clients/tenant-directory";

const MIGRATIONS_DIR = join(__dirname, "..", "prisma", "migrations");

export async function startServer(env: NodeJS.ProcessEnv, opts: { port?: number } = {}): Promise<StartedServer> {
  const config = parseFinanceConfig(env);
  const logger = createLogger({ service: "finance", level: config.LOG_LEVEL, format: config.LOG_FORMAT });

  // Idempotent and advisory-locked, so every replica may run it at start-up.
  await migrate({ connectionString: config.DATABASE_URL, schema: "finance", migrationsDir: MIGRATIONS_DIR, logger });
  const db = createDatabase({ connectionString: config.DATABASE_URL, PrismaClient, schema: "finance", logger, poolMax: config.DB_POOL_MAX });
  const events = await startServiceEvents({ env, service: "finance", schema: "finance", connectionString: config.DATABASE_URL, pool: db.pool, logger });
  const consumer = await subscribe({ transport: events.transport, db, group: CONSUMER_GROUP, handlers, logger });
  // Revoked sessions (logout, reuse, deactivation) are refused here within moments.
  const revocations = await followSessionRevocations({ transport: events.transport, logger });
  const verifier = createTokenVerifier(tokenVerifierOptions(config));
  const directory = tenantDirectory({ baseUrl: config.TENANT_URL, internalApiKey: config.INTERNAL_API_KEY, timeoutMs: config.TENANT_TIMEOUT_MS });
  const { app } = createApp({
    config,
    logger,
    db,
    authenticate: authenticate(verifier, revocations),
    directory,
    readiness: { events: () => events.ready() },
  });

  const server = await serveApp(app, { port: opts.port ?? config.FINANCE_PORT, host: config.HOST }, async () => {
    await consumer.close();
    await events.close();
    await db.close();
  });
  logger.info("finance service listening", { port: server.port });
  return server;
}
