/**
 * ApiVersions (key 18), v0–v2. Lists exactly the versions this broker implements; clients pick
 * min(their max, our max), so advertising only non-flexible versions keeps every other API free of
 * compact/tagged-field encoding. A request for a newer version (librdkafka starts with v3) gets a
 * v0-shaped UNSUPPORTED_VERSION answer carrying the list (KIP-511), so the client retries with v2.
 */
import { ApiKey } from "../protocol/apiKeys";
import { ErrorCode } from "../protocol/errors";
import { Writer } from "../protocol/writer";
import type { ApiHandler } from "./types";

export function encodeApiVersions(handlers: readonly ApiHandler[], errorCode: number, version: number): Writer {
  const w = new Writer();
  w.int16(errorCode);
  w.array(
    [...handlers].sort((a, b) => a.key - b.key),
    (w, h) => w.int16(h.key).int16(h.minVersion).int16(h.maxVersion),
  );
  if (version >= 1) w.int32(0); // throttle_time_ms
  return w;
}

export function apiVersionsHandler(getHandlers: () => readonly ApiHandler[]): ApiHandler {
  return {
    key: ApiKey.ApiVersions,
    name: "ApiVersions",
    minVersion: 0,
    maxVersion: 2,
    handle: (_req, ctx) => encodeApiVersions(getHandlers(), ErrorCode.NONE, ctx.apiVersion),
  };
}
