/** helmet's defaults, minus the one that breaks Swagger UI over plain HTTP (local runs, behind the gateway). */
import type { RequestHandler } from "express";
import helmet from "helmet";

export function securityHeaders(): RequestHandler {
  return helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
}
