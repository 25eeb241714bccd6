/**
 * While an upstream is down every request to it fails the same way, so a stack trace per request
 * says nothing new and buries everything else. Failures are counted per upstream instead: the
 * first one is logged at once, then one summary line per interval while they go on, and nothing
 * once a whole interval passes without one.
 */
import type { ErrorRequestHandler } from "express";
import { errorBody } from "@erp/http-kit";
import { requestContext, type Logger } from "@erp/logging";
import { UpstreamFailure, type UpstreamErrorCode } from "./upstream-errors";

export const DEFAULT_UPSTREAM_FAILURE_REPORT_MS = 5_000;

export interface UpstreamFailureLog {
  /** Counts one failed request: logged at once when it is the first of its upstream's window, counted otherwise. */
  record(failure: UpstreamFailure): void;
}

/** How a log line names the kind of failure. */
const DESCRIPTION: Record<UpstreamErrorCode, string> = {
  UPSTREAM_UNAVAILABLE: "unreachable",
  UPSTREAM_TIMEOUT: "not answering in time",
  UPSTREAM_ERROR: "failing",
};

interface Window {
  /** Failures since the last line about this upstream, by code. */
  counts: Map<UpstreamErrorCode, number>;
}

/**
 * @param intervalMs the longest an upstream's failures go unreported, and the shortest time
 *   between two lines about one upstream (milliseconds)
 */
export function createUpstreamFailureLog(logger: Logger, intervalMs = DEFAULT_UPSTREAM_FAILURE_REPORT_MS): UpstreamFailureLog {
  const windows = new Map<string, Window>();
  const seconds = intervalMs / 1000;

  function schedule(service: string): void {
    // The timer must not inherit the request that opened the window: its line is about many.
    requestContext.exit(() => setTimeout(() => report(service), intervalMs).unref());
  }

  function report(service: string): void {
    const window = windows.get(service);
    if (!window) return;
    if (window.counts.size === 0) {
      windows.delete(service);
      return;
    }
    const byCode = Object.fromEntries(window.counts) as Partial<Record<UpstreamErrorCode, number>>;
    const failures = [...window.counts.values()].reduce((sum, n) => sum + n, 0);
    const codes = [...window.counts.keys()];
    const what = codes.length === 1 ? DESCRIPTION[codes[0]!] : "failing";
    const split = codes.length === 1 ? "" : ` (${codes.map((code) => `${DESCRIPTION[code]}: ${byCode[code]}`).join(", ")})`;
    logger.warn(`${service} ${what}: ${failures} request${failures === 1 ? "" : "s"} failed in the last ${seconds} s${split}`, {
      upstream: service,
      failures,
      byCode,
      windowSeconds: seconds,
    });
    window.counts = new Map();
    schedule(service);
  }

  function record(failure: UpstreamFailure): void {
    const code = failure.code as UpstreamErrorCode;
    const window = windows.get(failure.service);
    if (window) {
      window.counts.set(code, (window.counts.get(code) ?? 0) + 1);
      return;
    }
    windows.set(failure.service, { counts: new Map() });
    const reason = failure.reason ? ` (${failure.reason})` : "";
    logger.warn(
      `${failure.service} ${DESCRIPTION[code]}${reason}: requests fail with ${failure.status} ${code}; ` +
        `further failures are counted and reported every ${seconds} s`,
      { upstream: failure.service, code, status: failure.status, reason: failure.reason },
    );
    schedule(failure.service);
  }

  return { record };
}

/**
 * Answers an UpstreamFailure in the API.md error shape and counts it in `log`, instead of the
 * generic error handler's error line with a stack. Other errors pass on.
 */
export function answerUpstreamFailure(log: UpstreamFailureLog): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (!(err instanceof UpstreamFailure) || res.headersSent) return next(err);
    log.record(err);
    // Already reported above: the access log need not raise each of these to a warning too.
    res.locals.accessLogLevel = "info";
    res.status(err.status).json(errorBody(err.code, err.message));
  };
}
