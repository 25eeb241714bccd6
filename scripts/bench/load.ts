// One load run with autocannon, measured the same way for every scenario: our own latency list
// (autocannon reports no p95), requests/s over the measured window, and errors of any kind.
import autocannon from "autocannon";

export interface LoadSpec {
  url: string;
  method?: "GET" | "POST" | "PATCH";
  headers?: Record<string, string>;
  /** A fixed body, or one made per request (writes that must change something each time). */
  body?: string | (() => string);
  /** The path of each request, when it changes from one to the next (`url`'s path otherwise). */
  path?: () => string;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const { body, path } = spec;
  // Without a callback autocannon returns its instance, an event emitter that is also the promise.
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    headers: spec.headers,
    requests: [
      {
        method: spec.method ?? "GET",
        ...(typeof body === "function" || path
          ? {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                ...(typeof body === "function" ? { body: body() } : { body }),
                ...(path && { path: path() }),
              }),
            }
          : { body }),
      },
    ],
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  const latencies: number[] = [];
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / (result.duration || spec.durationSeconds),
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
}
