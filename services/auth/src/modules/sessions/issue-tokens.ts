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

export interface TokenIssuing {
  accessTokens: AccessTokens;
  refreshTokenTtlSeconds: number;
}

export interface SessionMember {
  userId: string;
  organizationId: string;
  roles: string[];
  /** Effective permissions, as the users service computed them for this organization. */
  permissions: string[];
  /** The refresh-token family; a new login starts a new one. */
  familyId: string;
}

/** Returns the pair and the new refresh-token row id (refresh rotation links the old row to it). */
export async function issueTokens(
  tx: Tx,
  deps: TokenIssuing,
  member: SessionMember,
): Promise<{ tokens: TokenPair; refreshTokenId: string }> {
  const refresh = generateRefreshToken();
  await refreshTokenRepository.create(tx, {
    id: refresh.id,
    familyId: member.familyId,
    userId: member.userId,
    organizationId: member.organizationId,
    tokenHash: refresh.tokenHash,
    expiresAt: new Date(Date.now() + deps.refreshTokenTtlSeconds * 1000),
  });
  const accessToken = await deps.accessTokens.sign({
    userId: member.userId,
    organizationId: member.organizationId,
    roles: member.roles,
    permissions: member.permissions,
    sessionId: member.familyId,
  });
  return {
    tokens: { accessToken, refreshToken: refresh.token, expiresIn: deps.accessTokens.ttlSeconds, tokenType: "Bearer" },
    refreshTokenId: refresh.id,
  };
}
