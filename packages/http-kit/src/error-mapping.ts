/** Decides what a client sees for any thrown value; only AppErrors choose their own message. */
import { AppError } from "@erp/errors";
import { errorBody, type ErrorBody } from "./error-body";
import { validationDetails } from "./validation-details";
import { z } from "./zod";

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** A bug or an outage: log it with its stack. */
  unexpected: boolean;
}

export function toErrorResponse(err: unknown): ErrorResponse {
  if (err instanceof AppError) {
    return { status: err.status, body: errorBody(err.code, err.message, err.details), unexpected: err.status >= 500 };
  }
  if (err instanceof z.core.$ZodError) {
    return known(400, errorBody("VALIDATION_FAILED", "Request is invalid", validationDetails(err)));
  }
  if (isUniqueViolation(err)) {
    return known(409, errorBody("CONFLICT", "A record with the same unique values already exists"));
  }
  const clientError = httpClientError(err);
  if (clientError) return known(clientError.status, errorBody(clientError.code, clientError.message));
  return { status: 500, body: errorBody("INTERNAL", "Internal server error"), unexpected: true };
}

function known(status: number, body: ErrorBody): ErrorResponse {
  return { status, body, unexpected: false };
}

/** Prisma's P2002, recognised by shape so this package does not depend on Prisma. */
function isUniqueViolation(err: unknown): boolean {
  return isObject(err) && err.code === "P2002" && typeof err.clientVersion === "string";
}

/**
 * body-parser and Express raise http-errors with a 4xx `status`, `expose: true` and, for
 * body-parser, a `type`. Their messages are replaced with ours to keep one vocabulary.
 */
function httpClientError(err: unknown): { status: number; code: string; message: string } | undefined {
  if (!isObject(err) || err.expose !== true || typeof err.status !== "number") return undefined;
  if (err.status < 400 || err.status >= 500) return undefined;
  switch (err.type) {
    case "entity.too.large":
      return { status: 413, code: "PAYLOAD_TOO_LARGE", message: "Request body is too large" };
    case "entity.parse.failed":
      return { status: 400, code: "VALIDATION_FAILED", message: "Request body is not valid JSON" };
    case "encoding.unsupported":
    case "charset.unsupported":
      return { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "Unsupported body encoding or charset" };
    default:
      return { status: 400, code: "VALIDATION_FAILED", message: "Request could not be read" };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
