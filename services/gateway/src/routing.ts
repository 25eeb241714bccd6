/** Decides which upstream a request is for, and refuses paths the gateway never forwards or does not know. */
import type { RequestHandler } from "express";
import { AppError } from "@erp/http-kit";
import { parseApiPath, type Upstream } from "./upstreams";
import "./request-state";

/**
 * Dot segments (`/api/v1/tenant/../../internal/...`) are refused outright: Node does not normalise
 * them, but an upstream or anything in between might, which would open `/internal` to clients.
 */
function hasDotSegment(path: string): boolean {
  return path.split("/").some((segment) => {
    const decoded = safeDecode(segment);
    return decoded === "." || decoded === ".." || decoded === null;
  });
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Every path the gateway answers itself is routed before this; what is left is either for an
 * upstream or a 404, before any token is asked for: an unknown path has nothing to protect, and
 * a 401 would suggest that it exists.
 */
export function resolveUpstream(upstreams: Map<string, Upstream>): RequestHandler {
  return (req, _res, next) => {
    const api = parseApiPath(req.path);
    const upstream = api ? upstreams.get(api.segment) : undefined;
    if (!upstream || hasDotSegment(req.path)) throw new AppError("NOT_FOUND", `No route for ${req.method} ${req.path}`, 404);
    req.upstream = upstream;
    next();
  };
}
