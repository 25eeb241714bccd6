/** Wires the gateway together: config → logger → redis, verifier, caches → app → listen. */
import { once } from "node:events";
import { Agent } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import Redis from "ioredis";
import { createTokenVerifier, followSessionRevocations, tokenVerifierOptions } from "@erp/auth-kit";
import type { Env } from "@erp/config";
import { canOpenEvents, openEvents } from "@erp/events";
import { listenApp } from "@erp/http-kit";
import { createLogger, type Logger } from "@erp/logging";
import { createApp } from "./app";
import { parseGatewayConfig } from "./config";
import { createOrganizationAccessCache, invalidateOnTenantEvents } from "./organization-access";
import { createRateLimiter } from "./rate-limit";
import { createUpstreams } from "./upstreams";

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** tenant answers the access lookup from one indexed read; longer than this means it is in trouble. */
const ORGANIZATION_ACCESS_TIMEOUT_MS = 5_000;
/** In-flight requests get this long at shutdown before their connections are cut. */
const SHUTDOWN_TIMEOUT_MS = 10_000;
/** How long start-up waits for Redis before counting in memory until it connects. */
const REDIS_CONNECT_WAIT_MS = 2_000;

export async function startServer(env: Env, opts: { port?: number } = {}): Promise<RunningServer> {
  const config = parseGatewayConfig(env);
  const logger = createLogger({ service: "gateway", level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const agent = new Agent({ keepAlive: true });
  const organizationAccess = createOrganizationAccessCache({
    tenantUrl: config.TENANT_URL.replace(/\/+$/, ""),
    internalApiKey: config.INTERNAL_API_KEY,
    ttlMs: config.ORG_ACCESS_CACHE_TTL_MS,
    timeoutMs: ORGANIZATION_ACCESS_TIMEOUT_MS,
  });
  // tenant.* events invalidate the cache on every instance (postgres log or Kafka).
  const events = canOpenEvents(config, config.DATABASE_URL)
    ? openEvents({ config, service: "gateway", connectionString: config.DATABASE_URL, logger })
    : undefined;
  const tenantEvents = events && (await invalidateOnTenantEvents(organizationAccess, events.transport, logger));
  // Revoked sessions (logout, reuse, deactivation) are refused here within moments, not at token expiry.
  const revocations = events && (await followSessionRevocations({ transport: events.transport, logger }));
  if (!events) logger.warn("no DATABASE_URL or KAFKA_BROKERS: organization access changes reach this instance only through it or after the cache TTL, revoked sessions only at token expiry");

  const app = createApp({
    config,
    logger,
    agent,
    upstreams: createUpstreams(config),
    verifier: createTokenVerifier(tokenVerifierOptions(config)),
    revokedSessions: revocations?.revokedSessions,
    rateLimiter: createRateLimiter({
      points: config.RATE_LIMIT_POINTS,
      durationSeconds: config.RATE_LIMIT_DURATION_S,
      redis,
    }),
    organizationAccess,
  });

  const server = await listenApp(app, { port: opts.port ?? config.GATEWAY_PORT, host: config.HOST }).catch(async (err: unknown) => {
    await revocations?.close();
    await tenantEvents?.close();
    await events?.close();
    throw err;
  });
  const { port } = server.address() as AddressInfo;
  logger.info("gateway listening", { port });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      // Stop accepting, let in-flight requests finish, then release upstream sockets and Redis.
      logger.info("gateway shutting down");
      const closed = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_TIMEOUT_MS);
      await closed;
      clearTimeout(force);
      agent.destroy();
      await revocations?.close();
      await tenantEvents?.close();
      await events?.close();
      await redis?.quit().catch(() => redis.disconnect());
      logger.info("gateway stopped");
    },
  };
}

async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  // No offline queue: while Redis is away, limits fall back to memory instead of requests waiting.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on("error", (err: Error) => logger.warn("redis error", { error: err.message }));
  const wait = new AbortController();
  const connected = await Promise.race([
    once(redis, "ready", { signal: wait.signal }).then(() => true),
    delay(REDIS_CONNECT_WAIT_MS, false, { signal: wait.signal }),
  ]).finally(() => wait.abort());
  if (!connected) logger.warn("redis not reachable yet; rate limits are per instance until it is");
  return redis;
}
