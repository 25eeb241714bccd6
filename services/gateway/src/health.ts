/** `/health`: the process answers. `/ready`: every upstream's own readiness, gathered in parallel. */
import type { RequestHandler } from "express";
import type { Upstream } from "./upstreams";

export const health: RequestHandler = (_req, res) => {
  res.json({ status: "ok" });
};

export interface ReadinessOptions {
  upstreams: Iterable<Upstream>;
  /** Segments that must be ready for the gateway to be; the rest are reported but do not fail it. */
  required: string[];
  timeoutMs: number;
}

async function isReady(upstream: Upstream, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(`${upstream.url}/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

export function readiness({ upstreams, required, timeoutMs }: ReadinessOptions): RequestHandler {
  const list = [...upstreams];
  return async (_req, res) => {
    const results = await Promise.all(
      list.map(async (upstream) => ({
        service: upstream.segment,
        required: required.includes(upstream.segment),
        status: (await isReady(upstream, timeoutMs)) ? "up" : "down",
      })),
    );
    const down = results.filter((r) => r.status === "down").map((r) => r.service);
    const ready = results.every((r) => r.status === "up" || !r.required);
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not_ready", down, upstreams: results });
  };
}
