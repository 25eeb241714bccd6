// The auth service's environment, parsed once (nothing else reads process.env).
import { baseConfigSchema, parseConfig, port } from "@erp/config";
import { z } from "zod";

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const authConfigSchema = baseConfigSchema.extend({
  AUTH_PORT: port(3002),
  DATABASE_URL: z.string().min(1),
  REDIS_URL: z.string().min(1).optional(),
  TENANT_URL: z.url().default("http://127.0.0.1:3001"),
  TENANT_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  USER_URL: z.url().default("http://127.0.0.1:3003"),
  USER_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  JWT_ISSUER: z.string().min(1).default("erp-auth"),
  JWT_AUDIENCE: z.string().min(1).default("erp-api"),
  ACCESS_TOKEN_TTL_SECONDS: seconds(15 * 60),
  // A refresh token unused this long expires (an idle session ends)...
  REFRESH_TOKEN_TTL_SECONDS: seconds(30 * 24 * 60 * 60),
  // ...and a session ends this long after its login however often it is refreshed.
  REFRESH_SESSION_MAX_SECONDS: seconds(90 * 24 * 60 * 60),
  // Below 10 is too cheap to slow down offline guessing; above 15 makes a login take seconds.
  BCRYPT_ROUNDS: z.coerce.number().int().min(10).max(15).default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  LOGIN_FAILURE_WINDOW_SECONDS: seconds(15 * 60),
  // Express "trust proxy": which hops may set X-Forwarded-For (the gateway runs on loopback).
  // "true"/"false", a hop count, or addresses/names such as "loopback, 10.0.0.0/8".
  TRUST_PROXY: z.string().default("loopback").transform(parseTrustProxy),
});

function parseTrustProxy(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}

export type AuthConfig = z.infer<typeof authConfigSchema>;

export function parseAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  return parseConfig(authConfigSchema, env);
}
