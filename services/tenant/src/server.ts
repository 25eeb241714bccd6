/** Wires the service together: config → migrations → database → app → listen (+ the sweeper). */
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { authenticate, createTokenVerifier } from "@erp/auth-kit";
import { createDatabase, migrate } from "@erp/db";
import { startServiceEvents } from "@erp/events";
import { createLogger } from "@erp/logging";
import { createApp } from "./app";
import { parseTenantConfig } from "./config";
import { PrismaClient } from "./generated/prisma/client";
import { sweepPendingOrganizations } from "./modules/organizations/sweep-pending-organizations";

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

const MIGRATIONS_DIR = join(__dirname, "..", "prisma", "migrations");

export async function startServer(env: NodeJS.ProcessEnv, opts: { port?: number } = {}): Promise<RunningServer> {
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
  const verifier = createTokenVerifier({
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const { app } = createApp({ config, logger, db, authenticate: authenticate(verifier) });

  const server = app.listen(opts.port ?? config.TENANT_PORT);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  logger.info("tenant service listening", { port });

  // Registrations that crashed between create and activate leave pending organizations behind.
  const sweeper = setInterval(() => {
    sweepPendingOrganizations(db, config.PENDING_ORGANIZATION_TTL_MS, logger).catch((err: unknown) =>
      logger.error("sweeping pending organizations failed", { error: err instanceof Error ? err.message : String(err) }),
    );
  }, config.PENDING_SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      clearInterval(sweeper);
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      });
      await events.close();
      await db.close();
    },
  };
}
