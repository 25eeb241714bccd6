/** Express middleware: the bearer token becomes `req.principal` and enters the log context. */
import { unauthenticated } from "@erp/http-kit";
import { setRequestContext } from "@erp/logging";
import type { RequestHandler } from "express";
import type { TokenVerifier } from "./token-verifier";

export function authenticate(verifier: TokenVerifier): RequestHandler {
  // Failures go to next() instead of being thrown or rejected, so the middleware also works
  // when another middleware calls it with its own callback (the gateway does).
  return (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) return next(unauthenticated("Missing bearer token"));
    verifier.verify(token).then((principal) => {
      req.principal = principal;
      setRequestContext({ userId: principal.userId, organizationId: principal.organizationId });
      next();
    }, next);
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}
