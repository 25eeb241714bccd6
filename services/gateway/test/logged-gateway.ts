/**
 * A gateway app built from its parts like server.ts does, but with a logger whose JSON lines the
 * test reads, and the upstream failure report interval under the test's control.
 */
import { once } from "node:events";
import { Agent, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createTokenVerifier, tokenVerifierOptions } from "@erp/auth-kit";
import { createLogger } from "@erp/logging";
import { createApp } from "../src/app";
import { parseGatewayConfig } from "../src/config";
import { createOrganizationAccessCache } from "../src/organization-access";
import { createRateLimiter } from "../src/rate-limit";
import { createUpstreams } from "../src/upstreams";

export type LogLine = Record<string, unknown> & { level: string; message: string; timestamp: string };

export interface LoggedGateway {
  url: string;
  /** Every line logged so far, parsed. */
  lines: LogLine[];
  close(): Promise<void>;
}

/** Lines a person reading the log at `warn` would see. */
export const warnings = (lines: LogLine[]): LogLine[] => lines.filter((line) => line.level === "warn" || line.level === "error");

/** Whether any logged value carries a stack trace. */
export const hasStack = (lines: LogLine[]): boolean => lines.some((line) => /\n\s+at /.test(JSON.stringify(line).replace(/\\n/g, "\n")));

export async function startLoggedGateway(
  env: Record<string, string>,
  options: { upstreamFailureReportMs?: number; rateLimitPoints?: number } = {},
): Promise<LoggedGateway> {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const config = parseGatewayConfig({ LOG_LEVEL: "info", ...env, LOG_FORMAT: "json" });
  const logger = createLogger({ service: "gateway", level: config.LOG_LEVEL, format: "json", destination });
  const agent = new Agent({ keepAlive: true });
  const app = createApp({
    config,
    logger,
    agent,
    upstreams: createUpstreams(config),
    verifier: createTokenVerifier(tokenVerifierOptions(config)),
    rateLimiter: createRateLimiter({ points: options.rateLimitPoints ?? 100_000, durationSeconds: 60 }),
    organizationAccess: createOrganizationAccessCache({
      tenantUrl: config.TENANT_URL,
      internalApiKey: config.INTERNAL_API_KEY,
      ttlMs: config.ORG_ACCESS_CACHE_TTL_MS,
      timeoutMs: 2_000,
    }),
    upstreamFailureReportMs: options.upstreamFailureReportMs,
  });
  const server: Server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lines,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
