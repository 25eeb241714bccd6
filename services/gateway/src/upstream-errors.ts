/** Maps a failed call to an upstream onto the gateway's 502/503/504 errors. */
import { AppError } from "@erp/http-kit";

export class UpstreamTimeoutError extends Error {
  readonly code = "UPSTREAM_TIMEOUT";
  constructor() {
    super("Upstream did not answer in time");
  }
}

/** The API.md codes for "the gateway could not get an answer", with their statuses. */
export const UPSTREAM_ERROR_STATUS = { UPSTREAM_TIMEOUT: 504, UPSTREAM_UNAVAILABLE: 503, UPSTREAM_ERROR: 502 } as const;
export type UpstreamErrorCode = keyof typeof UPSTREAM_ERROR_STATUS;

/**
 * A 502/503/504 that names the service that failed and, when known, the socket-level reason
 * (`ECONNREFUSED`). It is an outage, not a bug in the gateway: it is reported in the upstream
 * failure summary (`upstream-failure-log.ts`), never logged with a stack per request.
 */
export class UpstreamFailure extends AppError {
  constructor(
    code: UpstreamErrorCode,
    message: string,
    /** The upstream's path segment: `master-data`, `tenant`. */
    readonly service: string,
    /** The low-level error code (`ECONNREFUSED`, `ECONNRESET`), when there is one. */
    readonly reason?: string,
  ) {
    super(code, message, UPSTREAM_ERROR_STATUS[code]);
    this.name = "UpstreamFailure";
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

/** The 502/503/504 for a proxied request to `service` that failed with `err` (a socket or timeout error). */
export function upstreamFailure(err: unknown, service: string): UpstreamFailure {
  const code = errorCode(err);
  if (code === "UPSTREAM_TIMEOUT" || code === "ETIMEDOUT") {
    return new UpstreamFailure("UPSTREAM_TIMEOUT", `The ${service} service did not answer in time`, service, code);
  }
  if (code && UNREACHABLE.has(code)) {
    return new UpstreamFailure("UPSTREAM_UNAVAILABLE", `The ${service} service is unavailable`, service, code);
  }
  return new UpstreamFailure("UPSTREAM_ERROR", `The ${service} service failed to answer`, service, code);
}

/**
 * An error from a call the gateway made itself to `service` (the internal client answers 502/503/504
 * as plain AppErrors with the upstream codes), as an UpstreamFailure naming that service. Any other
 * error is returned unchanged.
 */
export function attributeToUpstream(err: unknown, service: string): unknown {
  if (err instanceof UpstreamFailure || !(err instanceof AppError) || !(err.code in UPSTREAM_ERROR_STATUS)) return err;
  return new UpstreamFailure(err.code as UpstreamErrorCode, err.message, service);
}
