/**
 * Refresh: trades a live refresh token for a new pair in the same family (rotation). Presenting
 * a token that was already rotated means it leaked (or a client replayed it): the whole family,
 * the newest token included, is revoked. Roles and permissions are asked from the users service
 * at every refresh, so a role change takes effect now and a deactivated member cannot refresh.
 */
import { appendToOutbox } from "@erp/events";
import type { AuthDatabase, Tx } from "../../database";
import { OUTBOX_SCHEMA, serviceActor, sessionRevoked } from "../../events";
import type { UsersClient } from "../../clients/users-client";
import type { RefreshToken } from "../../generated/prisma/client";
import { issueTokens, type TokenIssuing, type TokenPair } from "./issue-tokens";
import { refreshTokenId, refreshTokenMatches } from "./refresh-token";
import { refreshTokenRepository, type RevocationReason } from "./refresh-token.repository";
import { invalidRefreshToken } from "./session.errors";

export interface RefreshDeps extends TokenIssuing {
  db: AuthDatabase;
  users: UsersClient;
}

/** Revocations the system decides, which consumers hear about (a logout is the user's own). */
export type SystemRevocation = Exclude<RevocationReason, "logout">;

/** Thrown inside the rotation transaction to roll it back; handled right below. */
class FamilyMustBeRevoked extends Error {
  constructor(readonly reason: SystemRevocation) {
    super(reason);
  }
}

export async function refreshSession(deps: RefreshDeps, refreshToken: string): Promise<TokenPair> {
  const id = refreshTokenId(refreshToken);
  if (!id) throw invalidRefreshToken();
  const row = await deps.db.transaction((tx) => refreshTokenRepository.findById(tx, id));
  // A wrong secret with a real id is a guess, not a reuse: it must not let anyone revoke a family.
  if (!row || !refreshTokenMatches(refreshToken, row.tokenHash)) throw invalidRefreshToken();
  if (row.rotatedAt) {
    await revokeFamily(deps.db, row, "refresh_token_reuse");
    throw invalidRefreshToken();
  }
  if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw invalidRefreshToken();

  // Asked before the rotation transaction, which then holds no connection while another service answers.
  const authorization = await deps.users.authorization(row.userId, row.organizationId);
  try {
    return await deps.db.withOrganization(row.organizationId, async (tx) => {
      if (authorization?.status !== "active") throw new FamilyMustBeRevoked("membership_inactive");
      const { tokens, refreshTokenId: nextId } = await issueTokens(tx, deps, {
        userId: row.userId,
        organizationId: row.organizationId,
        roles: authorization.roles,
        permissions: authorization.permissions,
        familyId: row.familyId,
      });
      // Lost a race with a concurrent refresh of the same token: that is reuse too.
      if (!(await refreshTokenRepository.markRotated(tx, row.id, nextId))) throw new FamilyMustBeRevoked("refresh_token_reuse");
      return tokens;
    });
  } catch (err) {
    if (!(err instanceof FamilyMustBeRevoked)) throw err;
    await revokeFamily(deps.db, row, err.reason);
    throw invalidRefreshToken();
  }
}

async function revokeFamily(db: AuthDatabase, token: RefreshToken, reason: SystemRevocation): Promise<void> {
  await db.withOrganization(token.organizationId, async (tx) => {
    const revoked = await refreshTokenRepository.revokeFamily(tx, token.familyId, reason);
    if (revoked === 0) return; // already revoked (logout, earlier detection): nothing new to tell
    await announceRevocation(tx, token, reason);
  });
}

/** `auth.session.revoked` for a family the system (not a plain logout) revoked. */
export async function announceRevocation(
  tx: Tx,
  family: Pick<RefreshToken, "organizationId" | "familyId" | "userId">,
  reason: SystemRevocation,
): Promise<void> {
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: sessionRevoked,
    organizationId: family.organizationId,
    aggregateType: "session",
    aggregateId: family.familyId,
    actor: serviceActor,
    data: { userId: family.userId, sessionId: family.familyId, reason },
  });
}
