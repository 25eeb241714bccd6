/**
 * Login: email + password (+ optional organization) → a new session. With several active
 * memberships and no organization id, the oldest membership is used, so the choice is stable.
 */
import { uuidv7 } from "@erp/db";
import type { AuthDatabase } from "../../database";
import { membershipRepository } from "../accounts/membership.repository";
import { normalizeEmail, userRepository } from "../accounts/user.repository";
import type { PasswordHasher } from "../credentials/password";
import { issueTokens, type TokenIssuing, type TokenPair } from "./issue-tokens";
import type { LoginRateLimiter } from "./login-rate-limiter";
import { invalidCredentials } from "./session.errors";

export interface LoginDeps extends TokenIssuing {
  db: AuthDatabase;
  passwords: PasswordHasher;
  loginLimiter: LoginRateLimiter;
}

export interface LoginInput {
  email: string;
  password: string;
  organizationId?: string;
  ip: string;
}

export async function login(deps: LoginDeps, input: LoginInput): Promise<TokenPair> {
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

  const memberships = await deps.db.transaction((tx) => membershipRepository.listActiveForUser(tx, user.id));
  const membership = input.organizationId
    ? memberships.find((m) => m.organizationId === input.organizationId)
    : memberships[0];
  // Same answer as a wrong password: no hint about which organizations the account belongs to.
  if (!membership) throw invalidCredentials();

  await deps.loginLimiter.recordSuccess(email);
  const { tokens } = await deps.db.withOrganization(membership.organizationId, (tx) =>
    issueTokens(tx, deps, {
      userId: user.id,
      organizationId: membership.organizationId,
      roles: membership.roles,
      familyId: uuidv7(),
    }),
  );
  return tokens;
}
