/**
 * An upstream that is down makes every request to it fail: clients get a 503 each, and the log
 * gets one warning with a count per interval and upstream, never a stack trace per request.
 */
import request from "supertest";
import { startTestIssuer, waitFor, type TestIssuer } from "@erp/testkit";
import { gatewayEnv, newId, startFakeTenant, unusedUrl, type FakeTenant } from "./helpers";
import { hasStack, startLoggedGateway, warnings, type LoggedGateway, type LogLine } from "./logged-gateway";

let issuer: TestIssuer;
let tenant: FakeTenant;

beforeAll(async () => {
  issuer = await startTestIssuer();
  tenant = await startFakeTenant();
});

afterAll(async () => {
  await tenant?.close();
  await issuer?.close();
});

/** `count` GETs of `path`, `parallel` at a time; resolves with every response. */
async function burst(url: string, path: string, count: number, headers: Record<string, string> = {}, parallel = 25) {
  const responses: request.Response[] = [];
  for (let sent = 0; sent < count; sent += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - sent) }, () => request(url).get(path).set(headers));
    responses.push(...(await Promise.all(batch)));
  }
  return responses;
}

function expectUpstreamUnavailable(res: request.Response): void {
  expect(res.status).toBe(503);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(res.body.error.code).toBe("UPSTREAM_UNAVAILABLE");
  expect(typeof res.body.error.message).toBe("string");
  expect(res.headers["x-request-id"]).toBeTruthy();
  expect(res.body.error.requestId).toBe(res.headers["x-request-id"]);
}

/** Failures a line accounts for: 1 for the first line of an outage, the count for a summary. */
const failuresIn = (line: LogLine): number => (typeof line.failures === "number" ? line.failures : 1);

describe("a stopped upstream", () => {
  let gateway: LoggedGateway;

  afterEach(() => gateway?.close());

  it("answers each of 300 requests with 503 UPSTREAM_UNAVAILABLE and logs one warning, no stack", async () => {
    const urls = { TENANT_URL: tenant.url, MASTER_DATA_URL: await unusedUrl() };
    gateway = await startLoggedGateway(gatewayEnv(issuer, urls, { LOG_LEVEL: "info" }), { upstreamFailureReportMs: 60_000 });

    const responses = await burst(gateway.url, "/api/v1/master-data/openapi.json", 300);

    for (const res of responses) expectUpstreamUnavailable(res);
    const [warning, ...more] = warnings(gateway.lines);
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ upstream: "master-data", code: "UPSTREAM_UNAVAILABLE", status: 503, reason: "ECONNREFUSED" });
    expect(warning?.message).toMatch(/^master-data unreachable \(ECONNREFUSED\): requests fail with 503/);
    expect(hasStack(gateway.lines)).toBe(false);
    // The access log still has its one line per request, at info: the warning already says it all.
    const accessLines = () => gateway.lines.filter((line) => "durationMs" in line);
    await waitFor(() => accessLines().length === 300, { timeoutMs: 2_000, intervalMs: 5 });
    expect(accessLines().every((line) => line.level === "info" && line.status === 503)).toBe(true);
  });

  it("reports the count at most once per interval until every failure is accounted for", async () => {
    const intervalMs = 250;
    const urls = { TENANT_URL: tenant.url, MASTER_DATA_URL: await unusedUrl() };
    gateway = await startLoggedGateway(gatewayEnv(issuer, urls, { LOG_LEVEL: "warn" }), { upstreamFailureReportMs: intervalMs });

    const responses = await burst(gateway.url, "/api/v1/master-data/openapi.json", 120);
    for (const res of responses) expectUpstreamUnavailable(res);

    await waitFor(() => warnings(gateway.lines).reduce((sum, line) => sum + failuresIn(line), 0) >= 120, { timeoutMs: 5_000, intervalMs: 5 });
    const lines = warnings(gateway.lines);
    expect(lines.reduce((sum, line) => sum + failuresIn(line), 0)).toBe(120);
    expect(lines.slice(1).map((line) => line.message)).toEqual(
      lines.slice(1).map((line) => {
        const n = line.failures as number;
        return `master-data unreachable: ${n} request${n === 1 ? "" : "s"} failed in the last 0.25 s`;
      }),
    );
    const times = lines.map((line) => Date.parse(line.timestamp));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(intervalMs - 20);
    // At LOG_LEVEL=warn nothing else was written: no access line per failed request.
    expect(gateway.lines).toEqual(lines);
    expect(hasStack(gateway.lines)).toBe(false);
  });

  it("names tenant once when the organization lookup cannot reach it", async () => {
    const urls = { TENANT_URL: await unusedUrl() };
    gateway = await startLoggedGateway(gatewayEnv(issuer, urls, { LOG_LEVEL: "info" }), { upstreamFailureReportMs: 60_000 });
    const token = issuer.mint({ sub: newId(), org: newId(), roles: ["owner"], permissions: ["*"] });

    const responses = await burst(gateway.url, "/api/v1/users/me", 60, { Authorization: `Bearer ${token}` });

    for (const res of responses) expectUpstreamUnavailable(res);
    expect(responses[0]?.body.error.message).toBe("The tenant service is unavailable");
    expect(warnings(gateway.lines)).toEqual([expect.objectContaining({ upstream: "tenant", code: "UPSTREAM_UNAVAILABLE" })]);
    expect(hasStack(gateway.lines)).toBe(false);
  });

  it("names auth once when its signing keys cannot be fetched to check tokens", async () => {
    const env = gatewayEnv(issuer, { TENANT_URL: tenant.url }, { LOG_LEVEL: "info", AUTH_JWKS_URL: `${await unusedUrl()}/jwks.json` });
    gateway = await startLoggedGateway(env, { upstreamFailureReportMs: 60_000 });
    const token = issuer.mint({ sub: newId(), org: newId(), roles: ["owner"], permissions: ["*"] });

    // Sequential and under 10: past jwks-rsa's 10 fetches a minute auth-kit answers 401, not 503
    // (a fault in auth-kit reported separately).
    const responses = await burst(gateway.url, "/api/v1/users/me", 8, { Authorization: `Bearer ${token}` }, 1);

    for (const res of responses) expectUpstreamUnavailable(res);
    expect(warnings(gateway.lines)).toEqual([expect.objectContaining({ upstream: "auth", code: "UPSTREAM_UNAVAILABLE" })]);
    expect(hasStack(gateway.lines)).toBe(false);
  });
});
