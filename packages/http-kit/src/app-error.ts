/** The one error type that carries an HTTP status and an API error code to the client. */
export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
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

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `${what} not found`, 404);
}

export function forbidden(message = "You are not allowed to do this", code = "FORBIDDEN"): AppError {
  return new AppError(code, message, 403);
}

export function conflict(message: string, code = "CONFLICT"): AppError {
  return new AppError(code, message, 409);
}

export function unprocessable(message: string, details?: ErrorDetail[]): AppError {
  return new AppError("UNPROCESSABLE", message, 422, details);
}

export function unauthenticated(message = "Authentication required", code = "UNAUTHENTICATED"): AppError {
  return new AppError(code, message, 401);
}

/** Every 400 in this API is a validation failure (API.md), so it shares that code. */
export function badRequest(message: string, details?: ErrorDetail[]): AppError {
  return new AppError("VALIDATION_FAILED", message, 400, details);
}
