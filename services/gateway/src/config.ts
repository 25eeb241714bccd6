/** The gateway's environment, parsed once at start-up; nothing else reads process.env. */
import { tokenVerifierConfig } from "@erp/auth-kit";
import { baseConfigSchema, commaList, parseConfig, port, type Env } from "@erp/config";
import { checkEventsConfig, eventsConfig } from "@erp/events";
import { z } from "zod";

const milliseconds = (defaultMs: number) => z.coerce.number().int().min(1).default(defaultMs);
const serviceUrl = (defaultPort: number) => z.url().default(`http://127.0.0.1:${defaultPort}`);

/**
 * The gateway's variables, with the event backbone's (`eventsConfig`: KAFKA_BROKERS, EVENTS_*,
 * checked together by `checkEventsConfig`) as services get them from service-kit: parsed here
 * once and handed to `openEvents`, so nothing re-reads the environment after start-up.
 */
export const gatewayConfigSchema = baseConfigSchema.extend({
  GATEWAY_PORT: port(8080),
  REDIS_URL: z.url().optional(),
  /**
   * The database whose event log carries `tenant.*` events (the postgres transport), so every
   * gateway instance forgets an organization's cached access when it changes. Not needed with
   * KAFKA_BROKERS; without either, each instance only forgets what changed through itself.
   */
  DATABASE_URL: z.url().optional(),
  TENANT_URL: serviceUrl(3001),
  ...tokenVerifierConfig,
  USER_URL: serviceUrl(3003),
  MASTER_DATA_URL: serviceUrl(3004),
  FINANCE_URL: serviceUrl(3005),
  CRM_URL: serviceUrl(3006),
  /**
   * No default: there is no notifications service yet. The gateway forwards `/api/v1/notifications`
   * and lists it in `/ready` and `/docs` only when this is set (the launcher sets it once
   * services/notification exists), so `/ready` never reports a service nobody runs as down.
   */
  NOTIFICATION_URL: z.url().optional(),
  /** Express "trust proxy" (e.g. `1` or `loopback`) so the per-IP rate limit sees the client behind a load balancer. */
  TRUST_PROXY: z.string().optional(),
  RATE_LIMIT_POINTS: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_DURATION_S: z.coerce.number().int().min(1).default(60),
  ORG_ACCESS_CACHE_TTL_MS: z.coerce.number().int().min(0).default(10_000),
  PROXY_TIMEOUT_MS: milliseconds(30_000),
  READY_TIMEOUT_MS: milliseconds(2_000),
  /**
   * Upstreams whose readiness decides the gateway's: auth (token keys) and tenant (organization
   * access) are needed by every authenticated request; the others only degrade their own paths.
   */
  READY_REQUIRED_SERVICES: commaList.default(["auth", "tenant"]),
  ...eventsConfig,
}).superRefine(checkEventsConfig);

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

export function parseGatewayConfig(env: Env = process.env): GatewayConfig {
  return parseConfig(gatewayConfigSchema, env);
}
