/**
 * Verifies access tokens in-process against this service's own keys (the auth service cannot
 * fetch its own JWKS before it listens). Sets `req.principal` like @erp/auth-kit does, plus the
 * session id, which logout needs.
 */
import type { RequestHandler, Response } from "express";
import { unauthenticated } from "@erp/http-kit";
import { setRequestContext } from "@erp/logging";
import type { AccessTokens } from "./access-token";

export function authenticateAccessToken(accessTokens: AccessTokens): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith("Bearer ")) throw unauthenticated();
    const token = await accessTokens.verify(header.slice("Bearer ".length).trim());
    req.principal = {
      userId: token.userId,
      organizationId: token.organizationId,
      roles: token.roles,
      permissions: token.permissions,
      tokenId: token.tokenId,
      kind: "user",
    };
    res.locals.sessionId = token.sessionId;
    setRequestContext({ userId: token.userId, organizationId: token.organizationId });
    next();
  };
}

/** The `sid` of the verified access token of this request. */
export function sessionIdOf(res: Response): string {
  const sessionId: unknown = res.locals.sessionId;
  if (typeof sessionId !== "string") throw unauthenticated();
  return sessionId;
}
