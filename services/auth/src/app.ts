/** The auth service's Express app, without listening (tests drive it through supertest). */
import type { RevokedSessions } from "@erp/auth-kit";
import type { IdempotencyStore } from "@erp/http-kit";
import { createServiceAppFor, type ServiceAppConfig, type ServiceAppDependencies } from "@erp/service-kit";
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

/** What auth's routes read from its config, beside what every service app reads. */
type AuthAppConfig = Pick<
  AuthConfig,
  keyof ServiceAppConfig | "TRUST_PROXY" | "REFRESH_TOKEN_TTL_SECONDS" | "REFRESH_SESSION_MAX_SECONDS" | "TENANT_TIMEOUT_MS" | "USER_TIMEOUT_MS" | "REGISTRATION_RECONCILE_AFTER_MS"
>;

/** service-kit's common dependencies but `authenticate` (auth verifies its own access tokens), and auth's own. */
export interface AppDependencies extends Omit<ServiceAppDependencies<AuthDatabase, AuthAppConfig>, "authenticate"> {
  passwords: PasswordHasher;
  signingKeys: SigningKeyStore;
  accessTokens: AccessTokens;
  loginLimiter: LoginRateLimiter;
  tenant: TenantClient;
  users: UsersClient;
  /** Sessions revoked here or elsewhere (fed by `auth.session.revoked`), refused by authenticate. */
  revokedSessions: RevokedSessions;
  /** Where Idempotency-Keys are kept (service-kit's `context.idempotency`): registration takes one. */
  idempotency: IdempotencyStore;
}

export function createApp(deps: AppDependencies) {
  const { config } = deps;
  const service = createServiceAppFor(deps, {
    title: "Auth service",
    version: "1.0.0",
    authenticate: authenticateAccessToken(deps.accessTokens, deps.revokedSessions),
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
