/**
 * Refresh: trades a live refresh token for a new pair in the same family (rotation). Presenting
 * a token that was already rotated means it leaked (or a client replayed it): the whole family,
 * the newest token included, is revoked, and with it the family's access tokens. Roles and
 * permissions are asked from the users service at every refresh, so a role change takes effect
 * now and a deactivated member cannot refresh. A session past its absolute lifetime
 * (REFRESH_SESSION_MAX_SECONDS since its login) is not refreshed, whatever its token's expiry.
 */
import { organizationIdOf } from "@erp/scope";
import type { AuthDatabase } from "../../database";
import type { UsersClient } from "../../clients/users-client";
import type { RefreshToken } from "../../generated/prisma/client";
import { announceRevocation, type RevocationDeps } from "./announce-revocation";
import { issueTokens, sessionEndsAt, sessionOf, type Session, type TokenIssuing } from "./issue-tokens";
import { refreshTokenId, refreshTokenMatches } from "./refresh-token";
import { refreshTokenRepository, type RevocationReason } from "./refresh-token.repository";
import { invalidRefreshToken } from "./session.errors";

// TokenIssuing's accessTokens (the signer) also serves as RevocationDeps' (only its lifetime is read there).
export interface RefreshDeps extends TokenIssuing, Omit<RevocationDeps, "accessTokens"> {
  db: AuthDatabase;
  users: UsersClient;
}

/** Revocations the system decides (a logout is the user's own). */
export type SystemRevocation = Exclude<RevocationReason, "logout">;

/** Thrown inside the rotation transaction to roll it back; handled right below. */
class FamilyMustBeRevoked extends Error {
  constructor(readonly reason: SystemRevocation) {
    super(reason);
  }
}

export async function refreshSession(deps: RefreshDeps, refreshToken: string): Promise<Session> {
  const id = refreshTokenId(refreshToken);
  if (!id) throw invalidRefreshToken();
  const row = await deps.db.transaction((tx) => refreshTokenRepository.findById(tx, id));
  // A wrong secret with a real id is a guess, not a reuse: it must not let anyone revoke a family.
  if (!row || !refreshTokenMatches(refreshToken, row.tokenHash)) throw invalidRefreshToken();
  if (row.rotatedAt) {
    await revokeFamily(deps, row, "refresh_token_reuse");
    throw invalidRefreshToken();
  }
  const now = Date.now();
  if (row.revokedAt || row.expiresAt.getTime() <= now || sessionEndsAt(deps, row.sessionStartedAt) <= now) throw invalidRefreshToken();

  // Asked before the rotation transaction, which then holds no connection while another service answers.
  const authorization = await deps.users.authorization(row.userId, row.organizationId);
  try {
    return await deps.db.withOrganization(organizationIdOf(row.organizationId), async (tx) => {
      if (authorization?.status !== "active") throw new FamilyMustBeRevoked("membership_inactive");
      const { tokens, refreshTokenId: nextId } = await issueTokens(tx, deps, {
        userId: row.userId,
        organizationId: row.organizationId,
        roles: authorization.roles,
        permissions: authorization.permissions,
        familyId: row.familyId,
        sessionStartedAt: row.sessionStartedAt,
      });
      // Lost a race with a concurrent refresh of the same token: that is reuse too.
      if (!(await refreshTokenRepository.markRotated(tx, row.id, nextId))) throw new FamilyMustBeRevoked("refresh_token_reuse");
      return sessionOf(row, tokens);
    });
  } catch (err) {
    if (!(err instanceof FamilyMustBeRevoked)) throw err;
    await revokeFamily(deps, row, err.reason);
    throw invalidRefreshToken();
  }
}

async function revokeFamily(deps: RefreshDeps, token: RefreshToken, reason: SystemRevocation): Promise<void> {
  await deps.db.withOrganization(organizationIdOf(token.organizationId), async (tx) => {
    const revoked = await refreshTokenRepository.revokeFamily(tx, token.familyId, reason);
    if (revoked === 0) return; // already revoked (logout, earlier detection): announced then
    await announceRevocation(tx, deps, token, reason);
  });
}
