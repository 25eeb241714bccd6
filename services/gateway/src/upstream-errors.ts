/** Maps a failed call to an upstream onto the gateway's 502/503/504 errors. */
import { AppError } from "@erp/http-kit";

export class UpstreamTimeoutError extends Error {
  readonly code = "UPSTREAM_TIMEOUT";
  constructor() {
    super("Upstream did not answer in time");
  }
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function errorCode(err: unknown): string | undefined {
  if (!err || typeof err !== "object") return undefined;
  const { code, name, cause } = err as { code?: unknown; name?: unknown; cause?: unknown };
  if (typeof code === "string") return code;
  // fetch wraps the socket error in `cause`; AbortSignal.timeout aborts with a TimeoutError.
  if (name === "TimeoutError") return "UPSTREAM_TIMEOUT";
  return cause ? errorCode(cause) : undefined;
}

export function upstreamFailure(err: unknown, service: string): AppError {
  const code = errorCode(err);
  if (code === "UPSTREAM_TIMEOUT" || code === "ETIMEDOUT") {
    return new AppError("UPSTREAM_TIMEOUT", `The ${service} service did not answer in time`, 504);
  }
  if (code && UNREACHABLE.has(code)) {
    return new AppError("UPSTREAM_UNAVAILABLE", `The ${service} service is unavailable`, 503);
  }
  return new AppError("UPSTREAM_ERROR", `The ${service} service failed to answer`, 502);
}
