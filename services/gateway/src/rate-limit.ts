/** Fixed-window rate limit per user (when the token is valid) or per client IP, shared through Redis when configured. */
import type { RequestHandler } from "express";
import type Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@erp/http-kit";
import "./request-state";

export interface RateLimitOptions {
  points: number;
  durationSeconds: number;
  /** Shared counters across gateway instances; in-process counters without it. */
  redis?: Redis;
  keyPrefix?: string;
}

export function createRateLimiter({ points, durationSeconds, redis, keyPrefix = "gateway:rl" }: RateLimitOptions) {
  const memory = new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    points,
    duration: durationSeconds,
    keyPrefix,
    // While Redis is unreachable each instance limits on its own instead of refusing or waiting.
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

export function rateLimit(limiter: RateLimiterAbstract): RequestHandler {
  return async (req, res, next) => {
    const key = req.principal ? `user:${req.principal.userId}` : `ip:${req.ip ?? "unknown"}`;
    let result: RateLimiterRes;
    let limited = false;
    try {
      result = await limiter.consume(key);
    } catch (rejection) {
      // consume() rejects with a RateLimiterRes when the points are used up, with an Error when the store fails.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      result = rejection;
      limited = true;
    }
    const secondsToReset = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
    res.setHeader("X-RateLimit-Limit", String(limiter.points));
    res.setHeader("X-RateLimit-Remaining", String(Math.max(0, result.remainingPoints)));
    res.setHeader("X-RateLimit-Reset", String(Math.ceil((Date.now() + result.msBeforeNext) / 1000)));
    if (limited) {
      res.setHeader("Retry-After", String(secondsToReset));
      throw new AppError("RATE_LIMITED", `Too many requests; retry in ${secondsToReset} s`, 429);
    }
    next();
  };
}
