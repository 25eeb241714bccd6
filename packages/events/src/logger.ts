/** The slice of a winston logger this package uses, so callers can pass any compatible logger. */
export interface EventsLogger {
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  error(message: string, meta?: Record<string, unknown>): unknown;
}

export const silentLogger: EventsLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
