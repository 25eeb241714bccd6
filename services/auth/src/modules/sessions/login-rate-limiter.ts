/**
 * Counts failed logins per account (email) and per client IP; once either reaches its limit,
 * further attempts are refused until the window ends, whatever the password. Redis-backed when
 * REDIS_URL is set (shared by all instances), in memory otherwise.
 */
import { createHash } from "node:crypto";
import type Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { RateLimitedError } from "./session.errors";

export interface LoginLimits {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
}

function createLimiter(redis: Redis | undefined, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  // If Redis fails, the in-memory limiter keeps protecting this instance instead of failing open.
  return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, insuranceLimiter: memory }) : memory;
}

/** Emails are personal data: the store only ever sees a digest of them. */
const accountKey = (email: string) => createHash("sha256").update(email).digest("hex");

export class LoginRateLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;

  constructor(limits: LoginLimits, redis?: Redis) {
    this.perAccount = createLimiter(redis, "auth:login-fail:account", limits.maxFailuresPerAccount, limits.windowSeconds);
    this.perIp = createLimiter(redis, "auth:login-fail:ip", limits.maxFailuresPerIp, limits.windowSeconds);
  }

  /** Throws RateLimitedError when the account or the IP has used up its failures. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const checks: Array<[RateLimiterAbstract, string]> = [
      [this.perAccount, accountKey(email)],
      [this.perIp, ip],
    ];
    let retryAfterMs = 0;
    for (const [limiter, key] of checks) {
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= limiter.points) retryAfterMs = Math.max(retryAfterMs, state.msBeforeNext);
    }
    if (retryAfterMs > 0) throw new RateLimitedError(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([consume(this.perAccount, accountKey(email)), consume(this.perIp, ip)]);
  }

  /** A successful login clears the account's failures (not the IP's: one right password must not unlock guessing others). */
  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(accountKey(email));
  }
}

/** Going over the limit rejects with a RateLimiterRes, which is expected here; real errors are not. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
  }
}
