import { Writable } from "node:stream";
import { createLogger } from "@erp/logging";
import { waitFor } from "@erp/testkit";
import { every } from "../src";

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger({ service: "kit", level: "error", format: "json", destination }), lines };
}

describe("every", () => {
  it("never overlaps runs: ticks that find the last run going are skipped, and stop waits for it", async () => {
    jest.useFakeTimers();
    try {
      const { logger } = capturedLogger();
      const releases: (() => void)[] = [];
      const task = every(10, () => new Promise<void>((resolve) => releases.push(resolve)).then(() => undefined, () => undefined), {
        logger,
        failure: "task failed",
      });
      jest.advanceTimersByTime(10);
      expect(releases).toHaveLength(1);
      // Ten more ticks while the first run is held: none starts another.
      jest.advanceTimersByTime(100);
      expect(releases).toHaveLength(1);

      let stopped = false;
      const stopping = task.stop().then(() => (stopped = true));
      await Promise.resolve();
      await Promise.resolve();
      expect(stopped).toBe(false);
      releases[0]!();
      await stopping;
      // Stopped: no run after it, however much time passes.
      jest.advanceTimersByTime(100);
      expect(releases).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it("logs a failed run with its message and keeps running", async () => {
    const { logger, lines } = capturedLogger();
    let runs = 0;
    const task = every(
      5,
      async () => {
        runs += 1;
        if (runs === 1) throw new Error("database unreachable");
      },
      { logger, failure: "sweeping failed" },
    );
    await waitFor(() => runs >= 2, { timeoutMs: 2_000 });
    await task.stop();
    expect(lines).toEqual([expect.objectContaining({ level: "error", message: "sweeping failed", error: "database unreachable" })]);
  });
});
