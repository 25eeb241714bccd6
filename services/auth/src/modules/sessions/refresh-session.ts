/**
 * Refresh: trades a live refresh token for a new pair in the same family (rotation). Presenting
 * a token that was already rotated means it leaked (or a client replayed it): the whole family,
 * the newest token included, is revoked. Roles and permissions are recomputed from the
 * membership, so a deactivated member cannot refresh.
 */
import { appendToOutbox } from "@erp/events";
import type { AuthDatabase } from "../../database";
import { OUTBOX_SCHEMA, serviceActor, sessionRevoked } from "../../events";
import type { RefreshToken } from "../../generated/prisma/client";
import { membershipRepository } from "../accounts/membership.repository";
import { issueTokens, type TokenIssuing, type TokenPair } from "./issue-tokens";
import { refreshTokenId, refreshTokenMatches } from "./refresh-token";
import { refreshTokenRepository } from "./refresh-token.repository";
import { invalidRefreshToken } from "./session.errors";

export interface RefreshDeps extends TokenIssuing {
  db: AuthDatabase;
}

/** Thrown inside the rotation transaction to roll it back; handled right below. */
class FamilyMustBeRevoked extends Error {
  constructor(readonly reason: "refresh_token_reuse" | "membership_inactive") {
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

  try {
    return await deps.db.withOrganization(row.organizationId, async (tx) => {
      const membership = await membershipRepository.find(tx, row.organizationId, row.userId);
      if (membership?.status !== "active") throw new FamilyMustBeRevoked("membership_inactive");
      const { tokens, refreshTokenId: nextId } = await issueTokens(tx, deps, {
        userId: row.userId,
        organizationId: row.organizationId,
        roles: membership.roles,
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

async function revokeFamily(db: AuthDatabase, token: RefreshToken, reason: FamilyMustBeRevoked["reason"]): Promise<void> {
  await db.withOrganization(token.organizationId, async (tx) => {
    const revoked = await refreshTokenRepository.revokeFamily(tx, token.familyId, reason);
    if (revoked === 0) return; // already revoked (logout, earlier detection): nothing new to tell
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: sessionRevoked,
      organizationId: token.organizationId,
      aggregateType: "session",
      aggregateId: token.familyId,
      actor: serviceActor,
      data: { userId: token.userId, sessionId: token.familyId, reason },
    });
  });
}
