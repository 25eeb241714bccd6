/**
 * The gateway's Express app (no listen): request id → security headers → CORS → probes → identify
 * the caller → rate limit → the gateway's own pages (index, docs, event catalog) → routing (404
 * for any other path) → authenticate → organization → organization access → module gate → proxy.
 * Bodies are never parsed here; they stream to the upstream untouched. Every error answers in the
 * API.md shape with the request id.
 */
import type { Agent } from "node:http";
import express, { type Express, type RequestHandler } from "express";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { RevokedSessions, TokenVerifier } from "@erp/auth-kit";
import {
  accessLog,
  corsAllowList,
  errorHandler,
  notFoundHandler,
  requestId,
  securityHeaders,
} from "@erp/http-kit";
import type { Logger } from "@erp/logging";
import { apiIndex } from "./api-index";
import { identifyCaller, requireAuthentication } from "./authenticate";
import type { GatewayConfig } from "./config";
import { docsRouter } from "./docs";
import { EVENT_CATALOG_PATH, eventCatalog } from "./event-catalog";
import { health, readiness } from "./health";
import { requireEnabledModule } from "./module-gate";
import { resolveOrganization } from "./organization";
import {
  invalidateAfterTenantWrite,
  requireActiveOrganization,
  type OrganizationAccessCache,
} from "./organization-access";
import { createProxy } from "./proxy";
import { rateLimit } from "./rate-limit";
import { resolveUpstream } from "./routing";
import { attributeToUpstream } from "./upstream-errors";
import { answerUpstreamFailure, createUpstreamFailureLog } from "./upstream-failure-log";
import type { Upstream } from "./upstreams";

export interface GatewayDeps {
  config: GatewayConfig;
  logger: Logger;
  upstreams: Map<string, Upstream>;
  verifier: TokenVerifier;
  /** Sessions revoked anywhere (auth.session.revoked), refused here; none without an event transport. */
  revokedSessions?: RevokedSessions;
  rateLimiter: RateLimiterAbstract;
  organizationAccess: OrganizationAccessCache;
  /** Keep-alive agent shared by every proxied request. */
  agent: Agent;
  /** Shortest time between two log lines about one failing upstream (ms); 5 s by default. */
  upstreamFailureReportMs?: number;
}

export function createApp(deps: GatewayDeps): Express {
  const { config, logger, upstreams, organizationAccess } = deps;
  const app = express();
  app.disable("x-powered-by");
  if (config.TRUST_PROXY !== undefined) app.set("trust proxy", trustProxyValue(config.TRUST_PROXY));

  app.use(requestId);
  app.use(accessLog(logger));
  app.use(securityHeaders());
  app.use(corsAllowList(config.CORS_ORIGINS));

  // Probes are not rate limited: orchestrators call them often from one address.
  app.get("/health", health);
  app.get("/ready", readiness({
    upstreams: upstreams.values(),
    required: config.READY_REQUIRED_SERVICES,
    timeoutMs: config.READY_TIMEOUT_MS,
  }));

  app.use(identifyCaller(deps.verifier, deps.revokedSessions));
  app.use(rateLimit(deps.rateLimiter));
  app.get("/", apiIndex);
  app.use("/docs", docsRouter(upstreams.values()));
  app.get(EVENT_CATALOG_PATH, eventCatalog());
  app.use(resolveUpstream(upstreams));
  // A token that cannot be checked because auth's keys are out of reach is auth's outage.
  app.use(callsUpstream("auth", requireAuthentication));
  app.use(resolveOrganization);
  app.use(callsUpstream("tenant", requireActiveOrganization(organizationAccess)));
  app.use(requireEnabledModule);
  app.use(
    createProxy({
      agent: deps.agent,
      timeoutMs: config.PROXY_TIMEOUT_MS,
      onSuccess: invalidateAfterTenantWrite(organizationAccess),
    }),
  );

  app.use(notFoundHandler);
  app.use(answerUpstreamFailure(createUpstreamFailureLog(logger, deps.upstreamFailureReportMs)));
  app.use(errorHandler(logger));
  return app;
}

/** A step that calls `service` itself: its 502/503/504 are reported as that upstream's failures. */
function callsUpstream(service: string, step: RequestHandler): RequestHandler {
  return async (req, res, next) => {
    try {
      await step(req, res, (err?: unknown) => next(attributeToUpstream(err, service)));
    } catch (err) {
      throw attributeToUpstream(err, service);
    }
  };
}

/** "1" → 1 hop, "true"/"false" → boolean, anything else (loopback, CIDRs) as Express takes it. */
function trustProxyValue(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}
