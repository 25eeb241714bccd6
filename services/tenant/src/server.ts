/** Wires the service together: config → migrations → database → app → listen (+ the sweeper). */
import { join } from "node:path";
import { authenticate, createTokenVerifier, followSessionRevocations, tokenVerifierOptions } from "@erp/auth-kit";
import { createDatabase, migrate } from "@erp/db";
import { startServiceEvents } from "@erp/events";
import { serveApp, type StartedServer } from "@erp/http-kit";
import { createLogger } from "@erp/logging";
import { createApp } from "./app";
import { parseTenantConfig } from "./config";
import { PrismaClient } from "./generated/prisma/client";
import { sweepPendingOrganizations } from "./modules/organizations/sweep-pending-organizations";

const MIGRATIONS_DIR = join(__dirname, "..", "prisma", "migrations");

export async function startServer(env: NodeJS.ProcessEnv, opts: { port?: number } = {}): Promise<StartedServer> {
  const config = parseTenantConfig(env);
  const logger = createLogger({ service: "tenant", level: config.LOG_LEVEL, format: config.LOG_FORMAT });

  // Idempotent and advisory-locked, so every replica may run it at start-up.
  await migrate({ connectionString: config.DATABASE_URL, schema: "tenant", migrationsDir: MIGRATIONS_DIR, logger });
  const db = createDatabase({
    connectionString: config.DATABASE_URL,
    PrismaClient,
    schema: "tenant",
    logger,
    poolMax: config.DB_POOL_MAX,
  });
  const events = await startServiceEvents({ env, service: "tenant", schema: "tenant", connectionString: config.DATABASE_URL, pool: db.pool, logger });
  // Revoked sessions (logout, reuse, deactivation) are refused here within moments.
  const revocations = await followSessionRevocations({ transport: events.transport, logger });
  const verifier = createTokenVerifier(tokenVerifierOptions(config));
  const { app } = createApp({ config, logger, db, authenticate: authenticate(verifier, revocations), readiness: { events: () => events.ready() } });

  // Registrations that crashed between create and activate leave pending organizations behind.
  const sweeper = setInterval(() => {
    sweepPendingOrganizations(db, config.PENDING_ORGANIZATION_TTL_MS, logger).catch((err: unknown) =>
      logger.error("sweeping pending organizations failed", { error: err instanceof Error ? err.message : String(err) }),
    );
  }, config.PENDING_SWEEP_INTERVAL_MS);
  sweeper.unref();

  const server = await serveApp(app, { port: opts.port ?? config.TENANT_PORT, host: config.HOST }, async () => {
    clearInterval(sweeper);
    await events.close();
    await db.close();
  });
  logger.info("tenant service listening", { port: server.port });

  return server;
}
