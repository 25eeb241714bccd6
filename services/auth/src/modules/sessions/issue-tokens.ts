/** Issues an access token and a refresh token for one membership, within a login session (family). */
import type { Tx } from "../../database";
import type { AccessTokens } from "./access-token";
import { generateRefreshToken } from "./refresh-token";
import { refreshTokenRepository } from "./refresh-token.repository";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access-token lifetime in seconds. */
  expiresIn: number;
  tokenType: "Bearer";
}

/** What every endpoint that signs someone in answers (registration adds its organization). */
export interface Session {
  userId: string;
  organizationId: string;
  tokens: TokenPair;
}

/** The session answer for `member`'s new tokens. */
export function sessionOf(member: Pick<SessionMember, "userId" | "organizationId">, tokens: TokenPair): Session {
  return { userId: member.userId, organizationId: member.organizationId, tokens };
}

export interface TokenIssuing {
  accessTokens: AccessTokens;
  /** A refresh token unused this long expires (seconds). */
  refreshTokenTtlSeconds: number;
  /** A session ends this long after its login, however often it is refreshed (seconds). */
  refreshSessionMaxSeconds: number;
}

export interface SessionMember {
  userId: string;
  organizationId: string;
  roles: string[];
  /** Effective permissions, as the users service computed them for this organization. */
  permissions: string[];
  /** The refresh-token family; a new login starts a new one. */
  familyId: string;
  /** When the family's login happened: its absolute lifetime counts from then. */
  sessionStartedAt: Date;
}

/** When a session that began at `startedAt` ends, whatever happens (epoch ms). */
export function sessionEndsAt(deps: Pick<TokenIssuing, "refreshSessionMaxSeconds">, startedAt: Date): number {
  return startedAt.getTime() + deps.refreshSessionMaxSeconds * 1000;
}

/**
 * Returns the pair and the new refresh-token row id (refresh rotation links the old row to it).
 * Neither token outlives the session's absolute end.
 */
export async function issueTokens(
  tx: Tx,
  deps: TokenIssuing,
  member: SessionMember,
): Promise<{ tokens: TokenPair; refreshTokenId: string }> {
  const now = Date.now();
  const sessionEnd = sessionEndsAt(deps, member.sessionStartedAt);
  const refresh = generateRefreshToken();
  await refreshTokenRepository.create(tx, {
    id: refresh.id,
    familyId: member.familyId,
    userId: member.userId,
    organizationId: member.organizationId,
    tokenHash: refresh.tokenHash,
    sessionStartedAt: member.sessionStartedAt,
    expiresAt: new Date(Math.min(now + deps.refreshTokenTtlSeconds * 1000, sessionEnd)),
  });
  const expiresIn = Math.max(1, Math.min(deps.accessTokens.ttlSeconds, Math.floor((sessionEnd - now) / 1000)));
  const accessToken = await deps.accessTokens.sign(
    {
      userId: member.userId,
      organizationId: member.organizationId,
      roles: member.roles,
      permissions: member.permissions,
      sessionId: member.familyId,
    },
    expiresIn,
  );
  return {
    tokens: { accessToken, refreshToken: refresh.token, expiresIn, tokenType: "Bearer" },
    refreshTokenId: refresh.id,
  };
}
