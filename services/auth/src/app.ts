/** The auth service's Express app, without listening (tests drive it through supertest). */
import type { RevokedSessions } from "@erp/auth-kit";
import { createServiceApp, type IdempotencyStore, type ReadinessChecks } from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import type { TenantClient } from "./clients/tenant-client";
import type { UsersClient } from "./clients/users-client";
import type { AuthConfig } from "./config";
import type { AuthDatabase } from "./database";
import { registerAccountInternalRoutes } from "./modules/accounts/account-internal.routes";
import type { PasswordHasher } from "./modules/credentials/password";
import { registerInvitationRoutes } from "./modules/invitations/invitation.routes";
import { registerRegistrationRoutes } from "./modules/registration/registration.routes";
import type { AccessTokens } from "./modules/sessions/access-token";
import { authenticateAccessToken } from "./authenticate";
import type { LoginRateLimiter } from "./modules/sessions/login-rate-limiter";
import { registerSessionRoutes } from "./modules/sessions/session.routes";
import type { SigningKeyStore } from "./modules/signing-keys/signing-key-store";
import { registerSigningKeyRoutes } from "./modules/signing-keys/signing-key.routes";

export interface AppDependencies {
  /** The service's name and base path (src/service.ts). */
  name: string;
  basePath: string;
  config: Pick<AuthConfig, "CORS_ORIGINS" | "BODY_LIMIT" | "INTERNAL_API_KEY" | "TRUST_PROXY" | "REFRESH_TOKEN_TTL_SECONDS" | "REFRESH_SESSION_MAX_SECONDS" | "TENANT_TIMEOUT_MS" | "USER_TIMEOUT_MS" | "REGISTRATION_RECONCILE_AFTER_MS">;
  logger: Logger;
  db: AuthDatabase;
  passwords: PasswordHasher;
  signingKeys: SigningKeyStore;
  accessTokens: AccessTokens;
  loginLimiter: LoginRateLimiter;
  tenant: TenantClient;
  users: UsersClient;
  /** Sessions revoked here or elsewhere (fed by `auth.session.revoked`), refused by authenticate. */
  revokedSessions: RevokedSessions;
  /** Readiness checks beside the database's, e.g. `{ events: () => events.ready() }` (the event transport). */
  readiness?: ReadinessChecks;
  /** Where Idempotency-Keys are kept (service-kit's `context.idempotency`): registration takes one. */
  idempotency: IdempotencyStore;
}

export function createApp(deps: AppDependencies) {
  const { config, logger, db } = deps;
  const service = createServiceApp({
    service: deps.name,
    title: "Auth service",
    version: "1.0.0",
    basePath: deps.basePath,
    logger,
    corsOrigins: config.CORS_ORIGINS,
    bodyLimit: config.BODY_LIMIT,
    authenticate: authenticateAccessToken(deps.accessTokens, deps.revokedSessions),
    internalApiKey: config.INTERNAL_API_KEY,
    readiness: { database: () => db.ping(), ...deps.readiness },
    idempotency: deps.idempotency,
  });
  // Failed-login limits are per client address, which behind the gateway is X-Forwarded-For.
  service.app.set("trust proxy", config.TRUST_PROXY);

  const sessionDeps = {
    ...deps,
    refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    refreshSessionMaxSeconds: config.REFRESH_SESSION_MAX_SECONDS,
    tenantTimeoutMs: config.TENANT_TIMEOUT_MS,
    usersTimeoutMs: config.USER_TIMEOUT_MS,
    reconcileAfterMs: config.REGISTRATION_RECONCILE_AFTER_MS,
  };
  registerRegistrationRoutes(service.route, sessionDeps);
  registerSessionRoutes(service.route, sessionDeps);
  registerInvitationRoutes(service.route, sessionDeps);
  registerSigningKeyRoutes(service.route, deps);
  registerAccountInternalRoutes(service.route, deps);
  service.finalize();
  return service;
}
