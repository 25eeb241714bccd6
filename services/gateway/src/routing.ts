/** Decides which upstream an `/api/v1/...` request is for, and refuses paths the gateway never forwards. */
import type { RequestHandler } from "express";
import { notFound } from "@erp/http-kit";
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

export function resolveUpstream(upstreams: Map<string, Upstream>): RequestHandler {
  return (req, _res, next) => {
    const api = parseApiPath(req.path);
    if (!api) return next();
    const upstream = upstreams.get(api.segment);
    if (!upstream || hasDotSegment(req.path)) throw notFound("Route");
    req.upstream = upstream;
    next();
  };
}
