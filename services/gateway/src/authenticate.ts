/**
 * Token handling in two steps: `identifyCaller` verifies a bearer token early, so the rate limiter
 * can count per user; `requireAuthentication` then refuses non-public routes without a valid token.
 */
import type { Request, RequestHandler } from "express";
import { authenticate, type RevokedSessions, type TokenVerifier } from "@erp/auth-kit";
import { unauthenticated } from "@erp/http-kit";
import { parseApiPath } from "./upstreams";
import "./request-state";

const PUBLIC_AUTH_ROUTES = new Set([
  "POST /register",
  "POST /login",
  "POST /refresh",
  "POST /invitations/accept",
  "GET /.well-known/jwks.json",
]);

/** Routes that need no token: sign-in, keys, probes and documentation. */
export function isPublicRoute(method: string, path: string): boolean {
  // HEAD is answered like GET by Express and by the services.
  const verb = method === "HEAD" ? "GET" : method;
  if (path === "/health" || path === "/ready" || path === "/docs" || path.startsWith("/docs/")) return true;
  const api = parseApiPath(path);
  if (!api) return false;
  if (api.segment === "auth" && PUBLIC_AUTH_ROUTES.has(`${verb} ${api.rest}`)) return true;
  return verb === "GET" && (api.rest === "/openapi.json" || api.rest === "/docs" || api.rest.startsWith("/docs/"));
}

/** `revokedSessions`: sessions ended before their tokens expired (logout...), refused like a bad token. */
export function identifyCaller(verifier: TokenVerifier, revokedSessions?: RevokedSessions): RequestHandler {
  const verifyToken = authenticate(verifier, { revokedSessions });
  return (req, res, next) => {
    req.isPublicRoute = isPublicRoute(req.method, req.path);
    if (!hasBearerToken(req)) return next();
    // A bad token is not an error yet: a public route ignores it, others refuse it in requireAuthentication.
    return verifyToken(req, res, (err?: unknown) => {
      if (err) req.authError = err;
      next();
    });
  };
}

export const requireAuthentication: RequestHandler = (req, _res, next) => {
  if (req.isPublicRoute || req.principal) return next();
  throw req.authError ?? unauthenticated("Missing bearer token");
};

function hasBearerToken(req: Request): boolean {
  return /^Bearer\s+\S/i.test(req.headers.authorization ?? "");
}
