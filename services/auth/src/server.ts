/** Wires the service together: config → migrations → database → keys → app; startServer also listens. */
import { join } from "node:path";
import Redis from "ioredis";
import { followSessionRevocations } from "@erp/auth-kit";
import { createDatabase, migrate } from "@erp/db";
import type { Env } from "@erp/config";
import { startServiceEvents } from "@erp/events";
import { serveApp, type StartedServer } from "@erp/http-kit";
import { createLogger, type Logger } from "@erp/logging";
import { createApp } from "./app";
import { TenantClient } from "./clients/tenant-client";
import { UsersClient } from "./clients/users-client";
import { parseAuthConfig, type AuthConfig } from "./config";
import { PrismaClient } from "./generated/prisma/client";
import { PasswordHasher } from "./modules/credentials/password";
import { AccessTokens } from "./modules/sessions/access-token";
import { reconcileRegistrations } from "./modules/registration/reconcile-registrations";
import { LoginRateLimiter } from "./modules/sessions/login-rate-limiter";
import { SigningKeyEncryption } from "./modules/signing-keys/key-encryption";
import { SigningKeyStore } from "./modules/signing-keys/signing-key-store";

const MIGRATIONS_DIR = join(__dirname, "..", "prisma", "migrations");

export interface AuthService {
  app: ReturnType<typeof createApp>["app"];
  logger: Logger;
  /** Stops the outbox relay, releases the database pool and the Redis connection. */
  close(): Promise<void>;
}

/** `env` carries the event backbone's variables (KAFKA_BROKERS...); without them, the postgres transport. */
export async function createAuthService(config: AuthConfig, env: Env = {}): Promise<AuthService> {
  const logger = createLogger({ service: "auth", level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  // Idempotent and advisory-locked, so every replica may run it at start-up.
  await migrate({ connectionString: config.DATABASE_URL, schema: "auth", migrationsDir: MIGRATIONS_DIR, logger });
  const db = createDatabase({ connectionString: config.DATABASE_URL, PrismaClient, schema: "auth", logger });
  const encryption = new SigningKeyEncryption(config.SIGNING_KEY_ENCRYPTION_KEY, config.SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS);
  const signingKeys = new SigningKeyStore(db, config.ACCESS_TOKEN_TTL_SECONDS, encryption);
  // Encrypts keys stored plain and re-wraps those of a previous key-encryption key (rotation);
  // a key it cannot read stops the start here, before anything else is running.
  const keys = await signingKeys.ensureCurrentKey().catch(async (err: unknown) => {
    await db.close();
    throw err;
  });
  if (keys.encrypted + keys.reWrapped > 0) logger.info("signing keys re-encrypted", { ...keys });
  const events = await startServiceEvents({ env, service: "auth", schema: "auth", connectionString: config.DATABASE_URL, pool: db.pool, logger });
  // Sessions revoked by any auth instance are refused by this one too (and by every other service).
  const revocations = await followSessionRevocations({ transport: events.transport, logger });

  const passwords = new PasswordHasher(config.BCRYPT_ROUNDS);
  // Computed now so that the first login with an unknown email is not measurably slower.
  await passwords.verifyAgainstDummy("warm-up");

  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const loginLimiter = new LoginRateLimiter(
    {
      maxFailuresPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
    },
    redis,
  );

  const tenant = new TenantClient({ baseUrl: config.TENANT_URL, internalApiKey: config.INTERNAL_API_KEY, timeoutMs: config.TENANT_TIMEOUT_MS });
  const users = new UsersClient({ baseUrl: config.USER_URL, internalApiKey: config.INTERNAL_API_KEY, timeoutMs: config.USER_TIMEOUT_MS });

  const { app } = createApp({
    config,
    logger,
    db,
    readiness: { events: () => events.ready() },
    passwords,
    signingKeys,
    accessTokens: new AccessTokens(signingKeys, {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    }),
    loginLimiter,
    tenant,
    users,
    revokedSessions: revocations.revokedSessions,
  });

  // Registrations a crash left half-done (an active organization without its owner, say) are
  // completed or undone; every instance runs it, and each row is settled by one of them.
  const reconcileDeps = { db, tenant, users, logger, tenantTimeoutMs: config.TENANT_TIMEOUT_MS, usersTimeoutMs: config.USER_TIMEOUT_MS };
  let reconciling: Promise<void> = Promise.resolve();
  const reconciler = setInterval(() => {
    reconciling = reconcileRegistrations(reconcileDeps, config.REGISTRATION_RECONCILE_AFTER_MS).then(
      () => undefined,
      (err: unknown) => {
        logger.error("reconciling registrations failed", { error: err instanceof Error ? err.message : String(err) });
      },
    );
  }, config.REGISTRATION_RECONCILE_INTERVAL_MS);
  reconciler.unref();

  return {
    app,
    logger,
    async close() {
      clearInterval(reconciler);
      await reconciling;
      await events.close();
      await db.close();
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * A configured but unreachable Redis fails the start (a misconfiguration should be loud); once
 * running, Redis outages fall back to the in-memory limiter instead of queueing commands.
 */
async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on("error", (err: Error) => logger.warn("redis error", { error: err.message }));
  await redis.connect();
  return redis;
}

export async function startServer(env: NodeJS.ProcessEnv, opts: { port?: number } = {}): Promise<StartedServer> {
  const config = parseAuthConfig(env);
  const service = await createAuthService(config, env);
  const server = await serveApp(service.app, { port: opts.port ?? config.AUTH_PORT, host: config.HOST }, async () => {
    await service.close();
  });
  service.logger.info("auth service listening", { port: server.port });
  return server;
}
