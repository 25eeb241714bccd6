// The auth service's environment, parsed once (nothing else reads process.env).
import { parseConfig, port, type Env } from "@erp/config";
import { serviceConfigSchema } from "@erp/service-kit";
import { z } from "zod";
import { parseKeyEncryptionKey, type KeyEncryptionKey } from "./modules/signing-keys/key-encryption";

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Key-encryption keys, comma-separated; the message of a bad one never repeats the value. */
const keyEncryptionKeys = z.string().transform((value, ctx): KeyEncryptionKey[] => {
  const keys: KeyEncryptionKey[] = [];
  for (const [index, part] of value.split(",").map((item) => item.trim()).filter(Boolean).entries()) {
    try {
      keys.push(parseKeyEncryptionKey(part));
    } catch (err) {
      ctx.addIssue({ code: "custom", message: `key ${index + 1} ${(err as Error).message}` });
    }
  }
  return keys;
});

/** Every service's variables (base, database, events) and the auth service's own. */
export const authConfigSchema = serviceConfigSchema({
  AUTH_PORT: port(3002),
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
  // Encrypts the private signing keys at rest (32 bytes, base64 or hex); `npm start` generates one
  // under .data/ when unset. Rotation: the old key moves to ..._PREVIOUS (still decrypts, never
  // encrypts); at start-up every key is re-wrapped with the current one (README, "Key rotation").
  SIGNING_KEY_ENCRYPTION_KEY: keyEncryptionKeys
    .refine((keys) => keys.length === 1, "Required: exactly one key")
    .transform((keys) => keys[0]!),
  SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS: keyEncryptionKeys.optional().transform((keys) => keys ?? []),
  // A registration's log row older than this was left by a crash (a registration takes a few
  // seconds at most) and is completed or undone; checked this often by every instance.
  REGISTRATION_RECONCILE_AFTER_MS: z.coerce.number().int().positive().default(120_000),
  REGISTRATION_RECONCILE_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
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

/** @throws ConfigError naming every bad variable */
export function parseAuthConfig(env: Env): AuthConfig {
  return parseConfig(authConfigSchema, env);
}
