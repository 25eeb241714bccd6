/** The slice of a winston logger this package uses, so callers can pass any compatible logger. */
export interface DbLogger {
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
}
