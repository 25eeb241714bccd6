/** Liveness and readiness for orchestrators and the launcher. */
import type { Logger } from "@erp/logging";
import type { Express } from "express";

export type ReadinessChecks = Record<string, () => Promise<void>>;

// A hung dependency must not hang the probe too.
const CHECK_TIMEOUT_MS = 3000;

export function mountHealth(app: Express, checks: ReadinessChecks, logger: Logger): void {
  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });

  app.get("/ready", async (_req, res) => {
    const names = Object.keys(checks);
    const outcomes = await Promise.allSettled(names.map((name) => withTimeout(checks[name]!())));
    const results: Record<string, "ok" | "failed"> = {};
    // Why each failed check failed (e.g. "kafka brokers … unreachable: …"): /ready is for operators and the gateway.
    const reasons: Record<string, string> = {};
    outcomes.forEach((outcome, index) => {
      const name = names[index]!;
      results[name] = outcome.status === "fulfilled" ? "ok" : "failed";
      if (outcome.status === "rejected") {
        reasons[name] = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
        // The message only: a probe repeated every few seconds during an outage must not print stack traces.
        logger.warn(`Readiness check ${name} failed`, { reason: reasons[name] });
      }
    });
    const ready = outcomes.every((outcome) => outcome.status === "fulfilled");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not_ready", checks: results, ...(ready ? {} : { reasons }) });
  });
}

function withTimeout(check: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS}ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([check, timeout]).finally(() => clearTimeout(timer));
}
