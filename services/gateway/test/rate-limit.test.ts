import request from "supertest";
import { startTestIssuer } from "@erp/testkit";
import type { RunningServer } from "../src/server";
import { gatewayEnv, newId, startFakeTenant, startFakeUpstream, startGateway, type FakeTenant, type FakeUpstream } from "./helpers";

type Issuer = Awaited<ReturnType<typeof startTestIssuer>>;

let issuer: Issuer;
let tenant: FakeTenant;
let finance: FakeUpstream;
const org = newId();
const gateways: RunningServer[] = [];

beforeAll(async () => {
  issuer = await startTestIssuer();
  tenant = await startFakeTenant();
  finance = await startFakeUpstream("finance");
  tenant.organizations.set(org, { status: "active", enabledModules: ["finance"] });
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await Promise.all([tenant?.close(), finance?.close(), issuer?.close()]);
});

async function gatewayWith(overrides: Record<string, string>): Promise<RunningServer> {
  const env = gatewayEnv(issuer, { TENANT_URL: tenant.url, FINANCE_URL: finance.url }, overrides);
  const gateway = await startGateway(env);
  gateways.push(gateway);
  return gateway;
}

const tokenFor = (sub: string) => issuer.mint({ sub, org, roles: ["owner"], permissions: ["*"] });

function expectRateLimited(res: request.Response): void {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe("RATE_LIMITED");
  expect(res.body.error.requestId).toBe(res.headers["x-request-id"]);
  expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(Number(res.headers["retry-after"])).toBeLessThanOrEqual(60);
  expect(res.headers["x-ratelimit-remaining"]).toBe("0");
}

describe("rate limit in memory", () => {
  it("counts per user and answers 429 with Retry-After once the points are used", async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_POINTS: "3", RATE_LIMIT_DURATION_S: "60" });
    const alice = `Bearer ${tokenFor(newId())}`;
    for (const remaining of ["2", "1", "0"]) {
      const res = await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", alice);
      expect(res.status).toBe(200);
      expect(res.headers["x-ratelimit-limit"]).toBe("3");
      expect(res.headers["x-ratelimit-remaining"]).toBe(remaining);
      expect(Number(res.headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
    }
    expectRateLimited(await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", alice));

    // Another user behind the same address has a budget of their own.
    const bob = `Bearer ${tokenFor(newId())}`;
    expect((await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", bob)).status).toBe(200);
  });

  it("counts anonymous requests per IP, and leaves /health alone", async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_POINTS: "2" });
    await request(gateway.url).get("/api/v1/finance/openapi.json").expect(200);
    await request(gateway.url).get("/api/v1/finance/invoices").expect(401);
    expectRateLimited(await request(gateway.url).get("/api/v1/finance/openapi.json"));
    expect((await request(gateway.url).get("/health")).status).toBe(200);
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)("rate limit in Redis", () => {
  it("shares one budget across gateway instances", async () => {
    const env = { REDIS_URL: redisUrl!, RATE_LIMIT_POINTS: "4", RATE_LIMIT_DURATION_S: "60" };
    const first = await gatewayWith(env);
    const second = await gatewayWith(env);
    // A fresh user id keeps this run's counter apart from earlier runs against the same Redis.
    const auth = `Bearer ${tokenFor(newId())}`;
    for (const gateway of [first, second, first, second]) {
      expect((await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", auth)).status).toBe(200);
    }
    expectRateLimited(await request(first.url).get("/api/v1/finance/invoices").set("Authorization", auth));
    expectRateLimited(await request(second.url).get("/api/v1/finance/invoices").set("Authorization", auth));
  });
});
