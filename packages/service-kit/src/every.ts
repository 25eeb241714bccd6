/** Periodic work beside a service's app (a sweeper, a reconciler), as a descriptor's `background`. */
import type { Logger } from "@erp/logging";
import type { BackgroundTask } from "./descriptor";

export interface EveryOptions {
  logger: Logger;
  /** The log line of a failed run (`"sweeping pending organizations failed"`); the error's message is added. */
  failure: string;
}

/**
 * Runs `task` every `intervalMs` milliseconds, the first time one interval after the start. Runs
 * never overlap: a tick that finds the previous run still going is skipped. A failed run is
 * logged and the next one happens as planned. The timer does not keep the process alive.
 */
export function every(intervalMs: number, task: () => Promise<unknown>, { logger, failure }: EveryOptions): BackgroundTask {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = task()
      .then(
        () => undefined,
        (err: unknown) => {
          logger.error(failure, { error: err instanceof Error ? err.message : String(err) });
        },
      )
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
