/** Polling with a deadline: what tests do instead of sleeping. */
import { setTimeout as sleep } from "node:timers/promises";

export interface WaitForOptions {
  /** Give up after this long (default 15 s, generous for a loaded CI machine; pass less to assert a bound). */
  timeoutMs?: number;
  /** Between two probes (default 20 ms). */
  intervalMs?: number;
  /** What is awaited, for the timeout's message ("the event handled"). */
  what?: string;
}

type Truthy<T> = Exclude<T, false | 0 | "" | null | undefined>;

/**
 * Probes until `probe` returns (or resolves to) a truthy value, and resolves with that value: a
 * predicate (`() => seen.length === 3`) or a read (`async () => (await rows())[0]`).
 * @throws Error `timed out after <timeoutMs> ms waiting for <what>` past the deadline; an error the
 *   probe throws is not retried but thrown as is
 */
export async function waitFor<T>(probe: () => T | Promise<T>, options: WaitForOptions = {}): Promise<Truthy<T>> {
  const { timeoutMs = 15_000, intervalMs = 20, what = "the condition" } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Truthy<T>;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
