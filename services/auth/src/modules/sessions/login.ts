/**
 * Login: email + password (+ optional organization) → a new session. With several active
 * memberships and no organization id, the oldest membership is used, so the choice is stable.
 * The users service says which memberships are active and what they grant.
 */
import { uuidv7 } from "@erp/db";
import { organizationIdOf } from "@erp/scope";
import type { UsersClient } from "../../clients/users-client";
import type { AuthDatabase } from "../../database";
import type { User } from "../../generated/prisma/client";
import { normalizeEmail, userRepository } from "../accounts/user.repository";
import type { PasswordHasher } from "../credentials/password";
import { issueTokens, sessionOf, type Session, type TokenIssuing } from "./issue-tokens";
import type { LoginRateLimiter } from "./login-rate-limiter";
import { invalidCredentials } from "./session.errors";

export interface LoginDeps extends TokenIssuing {
  db: AuthDatabase;
  passwords: PasswordHasher;
  loginLimiter: LoginRateLimiter;
  users: UsersClient;
}

export interface LoginInput {
  email: string;
  password: string;
  organizationId?: string;
  ip: string;
}

export async function login(deps: LoginDeps, input: LoginInput): Promise<Session> {
  const user = await verifyPassword(deps, input);
  const organizationId =
    input.organizationId ?? (await deps.users.memberships(user.id)).find((m) => m.status === "active")?.organizationId;
  const authorization = organizationId ? await deps.users.authorization(user.id, organizationId) : null;
  // Same answer as a wrong password: no hint about which organizations the account belongs to.
  if (!organizationId || authorization?.status !== "active") throw invalidCredentials();

  await deps.loginLimiter.recordSuccess(user.email);
  const { tokens } = await deps.db.withOrganization(organizationIdOf(organizationId), (tx) =>
    issueTokens(tx, deps, { userId: user.id, organizationId, roles: authorization.roles, permissions: authorization.permissions, familyId: uuidv7(), sessionStartedAt: new Date() }),
  );
  return sessionOf({ userId: user.id, organizationId }, tokens);
}

/**
 * The account behind email + password, counted by the failed-login limiter. An unknown email
 * costs the same time as a wrong password, so response times do not tell which emails exist.
 */
export async function verifyPassword(
  deps: Pick<LoginDeps, "db" | "passwords" | "loginLimiter">,
  input: { email: string; password: string; ip: string },
): Promise<User> {
  const email = normalizeEmail(input.email);
  await deps.loginLimiter.assertAllowed(email, input.ip);
  const user = await deps.db.transaction((tx) => userRepository.findByEmail(tx, email));
  const passwordMatches = user
    ? await deps.passwords.verify(input.password, user.passwordHash)
    : await deps.passwords.verifyAgainstDummy(input.password);
  if (!user || !passwordMatches) {
    await deps.loginLimiter.recordFailure(email, input.ip);
    throw invalidCredentials();
  }
  return user;
}
