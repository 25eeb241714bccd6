/**
 * Logout: revokes a login session (refresh-token family). With a refresh token, its family;
 * without, the session the access token was issued for (`sid`). Access tokens already issued
 * stay valid until they expire (15 minutes by default): they are not checked against the store.
 */
import type { AuthDatabase } from "../../database";
import { refreshTokenId, refreshTokenMatches } from "./refresh-token";
import { refreshTokenRepository } from "./refresh-token.repository";
import { invalidRefreshToken } from "./session.errors";

export interface LogoutInput {
  userId: string;
  sessionId: string;
  refreshToken?: string;
}

export async function logout(deps: { db: AuthDatabase }, input: LogoutInput): Promise<void> {
  await deps.db.transaction(async (tx) => {
    let familyId = input.sessionId;
    if (input.refreshToken !== undefined) {
      const id = refreshTokenId(input.refreshToken);
      const row = id ? await refreshTokenRepository.findById(tx, id) : null;
      // Only the caller's own sessions: someone else's token is treated as unknown.
      if (!row || row.userId !== input.userId || !refreshTokenMatches(input.refreshToken, row.tokenHash)) {
        throw invalidRefreshToken();
      }
      familyId = row.familyId;
    }
    await refreshTokenRepository.revokeFamily(tx, familyId, "logout");
  });
}
