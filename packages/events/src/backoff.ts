export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 200, maxMs: 30_000 };

/** Exponential: initialMs, 2×, 4×… capped at maxMs (attempt counts from 1). */
export function backoffDelay(attempt: number, { initialMs, maxMs }: BackoffOptions): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}
