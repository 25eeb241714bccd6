/** Who may call a route: the middleware chain for each kind of `access`. */
import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { unauthenticated } from "@erp/errors";
import { requirePermission } from "./permissions";

export type Access = { permission: string } | { authenticated: true } | { public: true } | { internal: true };

export interface AccessDependencies {
  authenticate?: RequestHandler;
  internalApiKey?: string;
}

export function isInternal(access: Access): access is { internal: true } {
  return "internal" in access && access.internal === true;
}

export function needsToken(access: Access): boolean {
  return "permission" in access || "authenticated" in access;
}

/** Throws at start-up, not per request, when the app lacks what a route's access needs. */
export function accessMiddleware(access: Access, deps: AccessDependencies, route: string): RequestHandler[] {
  if (isInternal(access)) {
    if (!deps.internalApiKey) throw new Error(`${route} is internal but createServiceApp got no internalApiKey`);
    return [requireInternalKey(deps.internalApiKey)];
  }
  if (!needsToken(access)) return [];
  if (!deps.authenticate) throw new Error(`${route} needs a token but createServiceApp got no authenticate`);
  const chain = [deps.authenticate, requirePrincipal];
  return "permission" in access ? [...chain, requirePermission(access.permission)] : chain;
}

const requirePrincipal: RequestHandler = (req, _res, next) => {
  if (!req.principal) throw unauthenticated();
  next();
};

function requireInternalKey(expectedKey: string): RequestHandler {
  const expected = digest(expectedKey);
  return (req, _res, next) => {
    const header = req.headers.authorization ?? "";
    const presented = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
    // Comparing fixed-length digests keeps the comparison constant-time whatever the input length.
    if (!presented || !timingSafeEqual(digest(presented), expected)) {
      throw unauthenticated("Internal API key required");
    }
    next();
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
