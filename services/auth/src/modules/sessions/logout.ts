/**
 * Logout: revokes a login session (refresh-token family). With a refresh token, its family;
 * without, the session the access token was issued for (`sid`). The revocation is announced
 * (`auth.session.revoked`), so the session's access tokens stop working everywhere too.
 */
import type { Scope } from "@erp/scope";
import type { Tx } from "../../database";
import { announceRevocation, type RevocationDeps } from "./announce-revocation";
import { refreshTokenId, refreshTokenMatches } from "./refresh-token";
import { refreshTokenRepository } from "./refresh-token.repository";
import { invalidRefreshToken } from "./session.errors";

export interface LogoutInput {
  /** The session of the access token that asks. */
  sessionId: string;
  refreshToken?: string;
}

/**
 * Ends the caller's session (`scope.actor` is the user, `scope.organizationId` the access token's
 * organization). Logging out of a session that already ended changes nothing.
 * @throws AppError 401 INVALID_REFRESH_TOKEN when `refreshToken` is not one of the caller's
 */
export async function logout(tx: Tx, scope: Scope, input: LogoutInput, deps: RevocationDeps): Promise<void> {
  const userId = scope.actor.id;
  let family = { familyId: input.sessionId, organizationId: scope.organizationId as string, userId };
  if (input.refreshToken !== undefined) {
    const id = refreshTokenId(input.refreshToken);
    const row = id ? await refreshTokenRepository.findById(tx, id) : null;
    // Only the caller's own sessions: someone else's token is treated as unknown.
    if (!row || row.userId !== userId || !refreshTokenMatches(input.refreshToken, row.tokenHash)) throw invalidRefreshToken();
    family = { familyId: row.familyId, organizationId: row.organizationId, userId };
  }
  const revoked = await refreshTokenRepository.revokeFamily(tx, family.familyId, "logout");
  // Nothing was live (already logged out, or revoked by the system, which announced it then).
  if (revoked > 0) await announceRevocation(tx, deps, family, "logout");
}
