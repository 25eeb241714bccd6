/** One log line per request, written when the response is done (or the client gave up). */
import type { Logger } from "@erp/logging";
import type { RequestHandler } from "express";

// Probes hit these every few seconds; at info they would drown the useful lines.
const QUIET_PATHS = new Set(["/health", "/ready"]);

export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("close", () => {
      const path = req.originalUrl.split("?")[0] ?? "";
      const durationMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
      const status = res.writableFinished ? res.statusCode : "aborted";
      // A handler that reported the failure its own way (the gateway's upstream outage summary)
      // may set `res.locals.accessLogLevel` so each request does not raise a warning again.
      const chosen = res.locals.accessLogLevel as string | undefined;
      const level = QUIET_PATHS.has(path) ? "debug" : (chosen ?? (res.statusCode >= 500 ? "warn" : "info"));
      logger.log(level, `${req.method} ${path} ${status} ${durationMs}ms`, { method: req.method, path, status, durationMs });
    });
    next();
  };
}
