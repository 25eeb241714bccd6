/**
 * Logout: revokes a login session (refresh-token family). With a refresh token, its family;
 * without, the session the access token was issued for (`sid`). The revocation is announced
 * (`auth.session.revoked`), so the session's access tokens stop working everywhere too.
 */
import type { AuthDatabase } from "../../database";
import { announceRevocation, type RevocationDeps } from "./announce-revocation";
import { refreshTokenId, refreshTokenMatches } from "./refresh-token";
import { refreshTokenRepository } from "./refresh-token.repository";
import { invalidRefreshToken } from "./session.errors";

export interface LogoutDeps extends RevocationDeps {
  db: AuthDatabase;
}

export interface LogoutInput {
  userId: string;
  /** The organization and session of the access token that asks. */
  organizationId: string;
  sessionId: string;
  refreshToken?: string;
}

export async function logout(deps: LogoutDeps, input: LogoutInput): Promise<void> {
  await deps.db.transaction(async (tx) => {
    let family = { familyId: input.sessionId, organizationId: input.organizationId, userId: input.userId };
    if (input.refreshToken !== undefined) {
      const id = refreshTokenId(input.refreshToken);
      const row = id ? await refreshTokenRepository.findById(tx, id) : null;
      // Only the caller's own sessions: someone else's token is treated as unknown.
      if (!row || row.userId !== input.userId || !refreshTokenMatches(input.refreshToken, row.tokenHash)) {
        throw invalidRefreshToken();
      }
      family = { familyId: row.familyId, organizationId: row.organizationId, userId: row.userId };
    }
    const revoked = await refreshTokenRepository.revokeFamily(tx, family.familyId, "logout");
    // Nothing was live (already logged out, or revoked by the system, which announced it then).
    if (revoked > 0) await announceRevocation(tx, deps, family, "logout");
  });
}
