/** The per-upstream failure summary on its own, on a fake clock. */
import { Writable } from "node:stream";
import { createLogger } from "@erp/logging";
import { UpstreamFailure } from "../src/upstream-errors";
import { createUpstreamFailureLog } from "../src/upstream-failure-log";

function capturedLog(intervalMs = 5_000) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ service: "gateway", format: "json", destination });
  return { log: createUpstreamFailureLog(logger, intervalMs), lines, messages: () => lines.map((line) => line.message) };
}

const unreachable = (service: string) => new UpstreamFailure("UPSTREAM_UNAVAILABLE", `The ${service} service is unavailable`, service, "ECONNREFUSED");
const timedOut = (service: string) => new UpstreamFailure("UPSTREAM_TIMEOUT", `The ${service} service did not answer in time`, service);

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("upstream failure log", () => {
  it("logs the first failure at once, then the count of the rest once per interval", () => {
    const { log, lines, messages } = capturedLog();
    for (let i = 0; i < 313; i++) log.record(unreachable("master-data"));
    expect(messages()).toEqual([
      "master-data unreachable (ECONNREFUSED): requests fail with 503 UPSTREAM_UNAVAILABLE; further failures are counted and reported every 5 s",
    ]);

    jest.advanceTimersByTime(4_999);
    expect(lines).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(messages()[1]).toBe("master-data unreachable: 312 requests failed in the last 5 s");
    expect(lines[1]).toMatchObject({ level: "warn", upstream: "master-data", failures: 312, byCode: { UPSTREAM_UNAVAILABLE: 312 }, windowSeconds: 5 });
  });

  it("goes quiet after an interval without failures, and logs the next outage's first failure at once", () => {
    const { log, messages } = capturedLog();
    log.record(unreachable("crm"));
    log.record(unreachable("crm"));
    jest.advanceTimersByTime(5_000);
    expect(messages()).toHaveLength(2);

    jest.advanceTimersByTime(60_000);
    expect(messages()).toHaveLength(2);

    log.record(unreachable("crm"));
    expect(messages()).toHaveLength(3);
    expect(messages()[2]).toMatch(/^crm unreachable \(ECONNREFUSED\): requests fail with 503/);
  });

  it("keeps one window per upstream", () => {
    const { log, messages } = capturedLog();
    log.record(unreachable("crm"));
    log.record(unreachable("finance"));
    log.record(unreachable("finance"));
    expect(messages()).toHaveLength(2);
    jest.advanceTimersByTime(5_000);
    expect(messages()).toEqual([
      expect.stringMatching(/^crm unreachable/),
      expect.stringMatching(/^finance unreachable/),
      "finance unreachable: 1 request failed in the last 5 s",
    ]);
  });

  it("splits a window's count by kind when an upstream fails in several ways", () => {
    const { log, lines } = capturedLog(2_000);
    log.record(timedOut("tenant"));
    for (let i = 0; i < 3; i++) log.record(timedOut("tenant"));
    for (let i = 0; i < 7; i++) log.record(unreachable("tenant"));
    jest.advanceTimersByTime(2_000);
    expect(lines[0]?.message).toMatch(/^tenant not answering in time: requests fail with 504 UPSTREAM_TIMEOUT/);
    expect(lines[1]).toMatchObject({
      message: "tenant failing: 10 requests failed in the last 2 s (not answering in time: 3, unreachable: 7)",
      failures: 10,
      byCode: { UPSTREAM_TIMEOUT: 3, UPSTREAM_UNAVAILABLE: 7 },
    });
  });
});
