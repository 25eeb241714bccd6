/** The last two middlewares: unknown routes, then every error in the API.md format. */
import type { Logger } from "@erp/logging";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError } from "@erp/errors";
import { toErrorResponse } from "./error-mapping";

export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError("NOT_FOUND", `No route for ${req.method} ${req.path}`, 404);
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    // Headers are gone: only Express's default handler can still abort the connection.
    if (res.headersSent) return next(err);
    const { status, body, unexpected } = toErrorResponse(err);
    if (unexpected) logger.error(`${req.method} ${req.path} failed`, { err });
    res.status(status).json(body);
  };
}
