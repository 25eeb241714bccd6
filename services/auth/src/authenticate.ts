/**
 * Verifies access tokens in-process against this service's own keys (the auth service cannot
 * fetch its own JWKS before it listens), and refuses revoked sessions like @erp/auth-kit's
 * `authenticate` does. Sets `req.principal`, with the session id that logout needs.
 */
import type { RequestHandler } from "express";
import { sessionRevokedError, type RevokedSessions } from "@erp/auth-kit";
import { unauthenticated } from "@erp/http-kit";
import { setRequestContext } from "@erp/logging";
import type { AccessTokens } from "./modules/sessions/access-token";

export function authenticateAccessToken(accessTokens: AccessTokens, revokedSessions: RevokedSessions): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith("Bearer ")) throw unauthenticated();
    const token = await accessTokens.verify(header.slice("Bearer ".length).trim());
    if (revokedSessions.isRevoked(token.sessionId)) throw sessionRevokedError();
    req.principal = {
      userId: token.userId,
      organizationId: token.organizationId,
      roles: token.roles,
      permissions: token.permissions,
      tokenId: token.tokenId,
      sessionId: token.sessionId,
      kind: "user",
    };
    setRequestContext({ userId: token.userId, organizationId: token.organizationId });
    next();
  };
}
