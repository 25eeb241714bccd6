/**
 * The auth service, declared once: what `startService` boots (main.ts, server.ts). It issues the
 * tokens the other services verify, so it authenticates with its own keys (app.ts), not JWKS.
 */
import { join } from "node:path";
import Redis from "ioredis";
import type { Logger } from "@erp/logging";
import { defineService, every, type ServiceContext } from "@erp/service-kit";
import { createApp } from "./app";
import { TenantClient } from "./clients/tenant-client";
import { UsersClient } from "./clients/users-client";
import { authConfigSchema, type AuthConfig } from "./config";
import { consumers } from "./consumers";
import { PrismaClient } from "./generated/prisma/client";
import { PasswordHasher } from "./modules/credentials/password";
import { reconcileRegistrations } from "./modules/registration/reconcile-registrations";
import { AccessTokens } from "./modules/sessions/access-token";
import { LoginRateLimiter } from "./modules/sessions/login-rate-limiter";
import { SigningKeyEncryption } from "./modules/signing-keys/key-encryption";
import { SigningKeyStore } from "./modules/signing-keys/signing-key-store";
import { serviceNames } from "./service-names";

/** What `prepare` sets up for the app and the reconciler. */
interface Prepared {
  signingKeys: SigningKeyStore;
  tenant: TenantClient;
  users: UsersClient;
}

type AuthContext = ServiceContext<AuthConfig, PrismaClient, Prepared>;

export const authService = defineService(PrismaClient, {
  ...serviceNames,
  config: authConfigSchema,
  port: (config) => config.AUTH_PORT,
  migrationsDir: join(__dirname, "..", "prisma", "migrations"),
  // A deactivated member's sessions end even when the users service's call to end them failed.
  consumers: ({ config }) => consumers(config),
  async prepare({ config, db, logger }): Promise<Prepared> {
    const encryption = new SigningKeyEncryption(config.SIGNING_KEY_ENCRYPTION_KEY, config.SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS);
    const signingKeys = new SigningKeyStore(db, config.ACCESS_TOKEN_TTL_SECONDS, encryption);
    // Encrypts keys stored plain and re-wraps those of a previous key-encryption key (rotation);
    // a key it cannot read stops the start here, before anything else is running.
    const keys = await signingKeys.ensureCurrentKey();
    if (keys.encrypted + keys.reWrapped > 0) logger.info("signing keys re-encrypted", { ...keys });
    return {
      signingKeys,
      tenant: new TenantClient({ baseUrl: config.TENANT_URL, internalApiKey: config.INTERNAL_API_KEY, timeoutMs: config.TENANT_TIMEOUT_MS }),
      users: new UsersClient({ baseUrl: config.USER_URL, internalApiKey: config.INTERNAL_API_KEY, timeoutMs: config.USER_TIMEOUT_MS }),
    };
  },
  createApp: buildApp,
  background: ({ config, db, logger, prepared: { tenant, users } }) => [
    // Registrations a crash left half-done (an active organization without its owner, say) are
    // completed or undone; every instance runs it, and each row is settled by one of them.
    every(
      config.REGISTRATION_RECONCILE_INTERVAL_MS,
      () =>
        reconcileRegistrations(
          { db, tenant, users, logger, tenantTimeoutMs: config.TENANT_TIMEOUT_MS, usersTimeoutMs: config.USER_TIMEOUT_MS },
          config.REGISTRATION_RECONCILE_AFTER_MS,
        ),
      { logger, failure: "reconciling registrations failed" },
    ),
  ],
});

async function buildApp(context: AuthContext) {
  const { config, logger, prepared } = context;
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
  const service = createApp({
    ...context,
    ...prepared,
    passwords,
    accessTokens: new AccessTokens(prepared.signingKeys, {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    }),
    loginLimiter,
  });
  return {
    ...service,
    async close() {
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
