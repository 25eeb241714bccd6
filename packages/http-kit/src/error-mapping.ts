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
  /** Not the client's fault alone either: a gap to log as a warning (validation let something through). */
  warning?: string;
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
  if (isTextPostgresRefused(err)) {
    return {
      ...known(400, errorBody("VALIDATION_FAILED", "Request contains text that cannot be stored (a NUL character or invalid UTF-8)")),
      warning: "PostgreSQL refused text that validation let through (NUL or invalid UTF-8): validate it where it enters",
    };
  }
  if (isNumericOverflow(err)) {
    return {
      ...known(400, errorBody("VALIDATION_FAILED", "Request contains a number too large to be stored (or a result of it that is)")),
      warning: "PostgreSQL refused a number out of its column's range that validation let through: bound it where it enters (@erp/money's precision)",
    };
  }
  if (isTransactionTimeout(err)) {
    return {
      ...known(503, errorBody("SERVICE_BUSY", "The service is too busy to answer now; retry shortly")),
      warning: "a transaction waited past its limit for a connection or ran past its timeout (Prisma P2028): the service is overloaded",
    };
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
 * Prisma's P2028 (transaction API error): no connection came within the transaction's `maxWait`,
 * or the transaction outran its `timeout`. Nothing was committed; the client may retry.
 */
function isTransactionTimeout(err: unknown): boolean {
  return isObject(err) && err.code === "P2028" && typeof err.clientVersion === "string";
}

/**
 * SQLSTATEs of text PostgreSQL refuses: 22021 `character_not_in_repertoire` ("invalid byte
 * sequence for encoding UTF8": a NUL, broken UTF-8) and 22P05 `untranslatable_character` (`\u0000`
 * in jsonb read as text).
 */
const REFUSED_TEXT_SQLSTATES = new Set(["22021", "22P05"]);

/**
 * PostgreSQL's refusal of text, however it arrives: a `pg` error (`code`), a Prisma error
 * carrying the driver adapter's (`meta.driverAdapterError.cause.originalCode`), or only its
 * message. route() refuses NUL in what a client sends; this is the backstop for text that reaches
 * the database some other way (a decoded file, an import's bytes).
 */
function isTextPostgresRefused(err: unknown, depth = 0): boolean {
  if (!isObject(err) || depth > 4) return false;
  for (const key of ["code", "originalCode"]) {
    const code = err[key];
    if (typeof code === "string" && REFUSED_TEXT_SQLSTATES.has(code)) return true;
  }
  for (const key of ["message", "originalMessage"]) {
    const message = err[key];
    if (typeof message === "string" && message.includes("invalid byte sequence for encoding")) return true;
  }
  return ["cause", "meta", "driverAdapterError"].some((key) => isTextPostgresRefused(err[key], depth + 1));
}

/**
 * A number out of its column's range, however it arrives: SQLSTATE 22003
 * `numeric_value_out_of_range` (a `pg` error's `code`, the driver adapter's `originalCode` inside
 * a Prisma error) or Prisma's P2020 "Value out of range for the type". Request schemas bound what a
 * client sends by its column (@erp/money's `decimalString(…, precision)`); this is the backstop for
 * what they cannot see, e.g. a quantity times a unit cost that overflows a running value.
 */
function isNumericOverflow(err: unknown, depth = 0): boolean {
  if (!isObject(err) || depth > 4) return false;
  if (err.code === "P2020" && typeof err.clientVersion === "string") return true;
  if (err.code === "22003" || err.originalCode === "22003") return true;
  return ["cause", "meta", "driverAdapterError"].some((key) => isNumericOverflow(err[key], depth + 1));
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
