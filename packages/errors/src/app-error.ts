/**
 * The one error type that carries an HTTP status and an API error code to the client (API.md).
 * It lives apart from the HTTP kit so that use cases, repositories and consumers can throw it
 * without depending on Express.
 */
export interface ErrorDetail {
  /** Where in the input: a dotted field path (`lines.0.quantity`), or `""` for the whole input. */
  path: string;
  message: string;
}

export class AppError extends Error {
  /**
   * @param code the API error code clients switch on (`NOT_FOUND`, `INSUFFICIENT_STOCK`)
   * @param status the HTTP status the error handler answers with
   * @param details per-field reasons, sent as `error.details`
   */
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** 404 NOT_FOUND: `what` is the thing's name, as in `notFound("Product")` → "Product not found". */
export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `${what} not found`, 404);
}

/** 403: the caller is known but may not do this. */
export function forbidden(message = "You are not allowed to do this", code = "FORBIDDEN"): AppError {
  return new AppError(code, message, 403);
}

/** 409: the request collides with existing data (a taken code, a record still in use). */
export function conflict(message: string, code = "CONFLICT", details?: ErrorDetail[]): AppError {
  return new AppError(code, message, 409, details);
}

/** 409 INVALID_STATE: the record's current status does not allow the transition asked for. */
export function invalidState(message: string): AppError {
  return new AppError("INVALID_STATE", message, 409);
}

/**
 * 422: the request is well-formed but breaks a business rule. The code is required and names
 * the rule (`INSUFFICIENT_STOCK`, `CATEGORY_CYCLE`); each module declares its codes in its
 * `<module>.errors.ts`.
 */
export function unprocessable(code: string, message: string, details?: ErrorDetail[]): AppError {
  return new AppError(code, message, 422, details);
}

/** 401: no credentials, or ones that do not prove who the caller is. */
export function unauthenticated(message = "Authentication required", code = "UNAUTHENTICATED"): AppError {
  return new AppError(code, message, 401);
}

/** Every 400 in this API is a validation failure (API.md), so it shares that code. */
export function badRequest(message: string, details?: ErrorDetail[]): AppError {
  return new AppError("VALIDATION_FAILED", message, 400, details);
}
