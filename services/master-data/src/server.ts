/** Wires the service together: config → migrations → database → app → listen. */
import { join } from "node:path";
import { authenticate, createTokenVerifier, followSessionRevocations, tokenVerifierOptions } from "@erp/auth-kit";
import { createDatabase, migrate } from "@erp/db";
import { startServiceEvents, subscribe } from "@erp/events";
import { CONSUMER_GROUP, handlers } from "./consumers";
import { serveApp, type StartedServer } from "@erp/http-kit";
import { createLogger } from "@erp/logging";
import { createApp } from "./app";
import { parseMasterDataConfig } from "./config";
import { PrismaClient } from "./generated/prisma/client";

const MIGRATIONS_DIR = join(__dirname, "..", "prisma", "migrations");

export async function startServer(env: NodeJS.ProcessEnv, opts: { port?: number } = {}): Promise<StartedServer> {
  const config = parseMasterDataConfig(env);
  const logger = createLogger({ service: "master-data", level: config.LOG_LEVEL, format: config.LOG_FORMAT });

  // Idempotent and advisory-locked, so every replica may run it at start-up.
  await migrate({ connectionString: config.DATABASE_URL, schema: "master_data", migrationsDir: MIGRATIONS_DIR, logger });
  const db = createDatabase({
    connectionString: config.DATABASE_URL,
    PrismaClient,
    schema: "master_data",
    logger,
    poolMax: config.DB_POOL_MAX,
  });
  const events = await startServiceEvents({ env, service: "master-data", schema: "master_data", connectionString: config.DATABASE_URL, pool: db.pool, logger });
  const consumer = await subscribe({
    transport: events.transport,
    db,
    group: CONSUMER_GROUP,
    handlers,
    logger,
  });
  // Revoked sessions (logout, reuse, deactivation) are refused here within moments.
  const revocations = await followSessionRevocations({ transport: events.transport, logger });
  const verifier = createTokenVerifier(tokenVerifierOptions(config));
  const { app } = createApp({ config, logger, db, authenticate: authenticate(verifier, revocations), readiness: { events: () => events.ready() } });

  const server = await serveApp(app, { port: opts.port ?? config.MASTER_DATA_PORT, host: config.HOST }, async () => {
    await consumer.close();
    await events.close();
    await db.close();
  });
  logger.info("master-data service listening", { port: server.port });

  return server;
}
