/** The last two middlewares: unknown routes, then every error in the API.md format. */
import type { Logger } from "@erp/logging";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError } from "@erp/errors";
import { toErrorResponse } from "./error-mapping";

export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError("NOT_FOUND", `No route for ${req.method} ${req.path}`, 404);
};

/** Headers that describe a success representation and would mislabel an error body. */
const SUCCESS_ONLY_HEADERS = [
  "Content-Type",
  "Content-Disposition",
  "Content-Encoding",
  "Content-Language",
  "Content-Range",
  "Content-Length",
  "ETag",
  "Last-Modified",
  "Location",
];

/**
 * Answers every error in the API.md shape, always as `application/json`; logs the unexpected
 * ones (5xx, non-AppErrors) with their stack, and warns of client errors that slipped past validation.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    // Headers are gone: only Express's default handler can still abort the connection.
    if (res.headersSent) return next(err);
    const { status, body, unexpected, warning } = toErrorResponse(err);
    if (unexpected) logger.error(`${req.method} ${req.path} failed`, { err });
    if (warning) logger.warn(`${req.method} ${req.path}: ${warning}`);
    // A handler may have started a success answer of another kind (a CSV export's type and file
    // name) before it failed: the error is JSON whatever the route sends on success.
    for (const header of SUCCESS_ONLY_HEADERS) res.removeHeader(header);
    res.status(status).type("application/json").json(body);
  };
}
