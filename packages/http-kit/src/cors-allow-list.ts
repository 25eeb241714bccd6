/** CORS for the listed browser origins only; other origins get no CORS headers, so browsers refuse. */
import cors from "cors";
import type { RequestHandler } from "express";
import { IDEMPOTENT_REPLAYED_HEADER } from "./idempotency";
import { REQUEST_ID_HEADER } from "./request-id";

export function corsAllowList(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    exposedHeaders: [REQUEST_ID_HEADER, "Location", "Retry-After", IDEMPOTENT_REPLAYED_HEADER],
    maxAge: 600,
  });
}
