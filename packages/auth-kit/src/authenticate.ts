/** Express middleware: the bearer token becomes `req.principal` and enters the log context. */
import { unauthenticated } from "@erp/http-kit";
import { setRequestContext } from "@erp/logging";
import type { RequestHandler } from "express";
import type { RevokedSessions } from "./revoked-sessions";
import type { TokenVerifier } from "./token-verifier";

export interface AuthenticateOptions {
  /**
   * Sessions that ended before their tokens expired: a token of one of them is refused with 401
   * `SESSION_REVOKED`. Checked on every request (the verifier's cache of good tokens included).
   */
  revokedSessions?: RevokedSessions;
}

/**
 * Verifies the bearer token and sets `req.principal`. Failures are 401 `UNAUTHENTICATED`,
 * `TOKEN_EXPIRED` or `SESSION_REVOKED` (503 `UPSTREAM_UNAVAILABLE` while the JWKS cannot be read).
 */
export function authenticate(verifier: TokenVerifier, options: AuthenticateOptions = {}): RequestHandler {
  const { revokedSessions } = options;
  // Failures go to next() instead of being thrown or rejected, so the middleware also works
  // when another middleware calls it with its own callback (the gateway does).
  return (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) return next(unauthenticated("Missing bearer token"));
    verifier.verify(token).then((principal) => {
      if (principal.sessionId !== undefined && revokedSessions?.isRevoked(principal.sessionId)) {
        return next(sessionRevokedError());
      }
      req.principal = principal;
      setRequestContext({ userId: principal.userId, organizationId: principal.organizationId });
      next();
    }, next);
  };
}

/** 401 for a token whose session was ended (logout, reuse detection, deactivation). */
export function sessionRevokedError() {
  return unauthenticated("The session of this access token has ended", "SESSION_REVOKED");
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}
