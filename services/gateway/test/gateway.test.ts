import { createHash, randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import request from "supertest";
import { startTestIssuer, waitFor } from "@erp/testkit";
import type { RunningServer } from "../src/server";
import {
  gatewayEnv,
  newId,
  startFakeTenant,
  startFakeUpstream,
  startGateway,
  unusedUrl,
  type FakeTenant,
  type FakeUpstream,
} from "./helpers";

type Issuer = Awaited<ReturnType<typeof startTestIssuer>>;

let issuer: Issuer;
let tenant: FakeTenant;
let others: Record<string, FakeUpstream>;
let gateway: RunningServer;
let urls: Record<string, string>;

const activeOrg = newId();
const userId = newId();

function tokenFor(org: string, sub = userId): string {
  return issuer.mint({ sub, org, roles: ["owner"], permissions: ["*"] });
}

/** The API.md error shape, and the same request id in the header and the body. */
function expectError(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe("string");
  expect(res.headers["x-request-id"]).toBeTruthy();
  expect(res.body.error.requestId).toBe(res.headers["x-request-id"]);
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  tenant = await startFakeTenant();
  others = {
    AUTH_URL: await startFakeUpstream("auth"),
    USER_URL: await startFakeUpstream("users"),
    MASTER_DATA_URL: await startFakeUpstream("master-data"),
    FINANCE_URL: await startFakeUpstream("finance"),
    CRM_URL: await startFakeUpstream("crm"),
    NOTIFICATION_URL: await startFakeUpstream("notifications"),
  };
  urls = { TENANT_URL: tenant.url, ...Object.fromEntries(Object.entries(others).map(([k, u]) => [k, u.url])) };
  tenant.organizations.set(activeOrg, { status: "active", enabledModules: ["finance"] });
  // Generous timeouts: under a loaded CI machine a fake upstream may take longer than a few hundred
  // ms, and this gateway's tests are not about timing (the timeout tests use a gateway of their own).
  gateway = await startGateway(gatewayEnv(issuer, urls, {
    PROXY_TIMEOUT_MS: "10000",
    READY_TIMEOUT_MS: "10000",
    CORS_ORIGINS: "https://app.example",
  }));
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([tenant, ...Object.values(others ?? {})].map((u) => u?.close()));
  await issuer?.close();
});

describe("public routes", () => {
  it.each([
    ["post", "/api/v1/auth/login"],
    ["post", "/api/v1/auth/register"],
    ["post", "/api/v1/auth/refresh"],
    ["get", "/api/v1/auth/.well-known/jwks.json"],
    ["get", "/api/v1/finance/openapi.json"],
    ["get", "/api/v1/crm/docs"],
    ["get", "/api/v1/crm/docs/swagger-ui.css"],
  ] as const)("%s %s reaches the service without a token", async (method, path) => {
    const res = await request(gateway.url)[method](path);
    expect(res.status).toBe(200);
    expect(res.body.data.url).toBe(path);
  });

  it("answers /health without a token", async () => {
    const res = await request(gateway.url).get("/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("answers a CORS preflight from an allowed origin without a token, with security headers", async () => {
    const res = await request(gateway.url)
      .options("/api/v1/finance/invoices")
      .set("Origin", "https://app.example")
      .set("Access-Control-Request-Method", "POST");
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe("https://app.example");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-request-id"]).toBeTruthy();
  });

  it("ignores a bad token on a public route", async () => {
    const res = await request(gateway.url).post("/api/v1/auth/login").set("Authorization", "Bearer not-a-token");
    expect(res.status).toBe(200);
  });
});

describe("authentication", () => {
  it("refuses a request without a token with 401", async () => {
    expectError(await request(gateway.url).get("/api/v1/tenant/organizations/current"), 401, "UNAUTHENTICATED");
  });

  it("refuses a tampered token with 401", async () => {
    const [header, payload, signature] = tokenFor(activeOrg).split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ["admin"], org: newId() })).toString("base64url");
    const res = await request(gateway.url)
      .get("/api/v1/tenant/organizations/current")
      .set("Authorization", `Bearer ${header}.${forged}.${signature}`);
    expectError(res, 401, "UNAUTHENTICATED");
  });

  it.each(["none", "HS256"] as const)("refuses an alg:%s token with 401", async (alg) => {
    const token = issuer.mint({ sub: userId, org: activeOrg }, { alg });
    const res = await request(gateway.url).get("/api/v1/tenant/organizations/current").set("Authorization", `Bearer ${token}`);
    expectError(res, 401, "UNAUTHENTICATED");
  });

  it("refuses an expired token with 401 TOKEN_EXPIRED", async () => {
    const expired = issuer.mint(
      { sub: userId, org: activeOrg, roles: [], permissions: [] },
      { expiresIn: -60 },
    );
    const res = await request(gateway.url).get("/api/v1/tenant/organizations/current").set("Authorization", `Bearer ${expired}`);
    expectError(res, 401, "TOKEN_EXPIRED");
  });

  it("forwards a valid request with its Authorization and X-Request-Id headers", async () => {
    const token = tokenFor(activeOrg);
    const res = await request(gateway.url)
      .get("/api/v1/tenant/organizations/current?expand=plan")
      .set("Authorization", `Bearer ${token}`)
      .set("X-Request-Id", "trace-123");
    expect(res.status).toBe(200);
    expect(res.headers["x-request-id"]).toBe("trace-123");
    expect(res.body.data.url).toBe("/api/v1/tenant/organizations/current?expand=plan");
    expect(res.body.data.headers.authorization).toBe(`Bearer ${token}`);
    expect(res.body.data.headers["x-request-id"]).toBe("trace-123");
  });
});

describe("organization", () => {
  it("refuses an X-Organization-Id that differs from the token's organization with 403", async () => {
    const res = await request(gateway.url)
      .get("/api/v1/tenant/organizations/current")
      .set("Authorization", `Bearer ${tokenFor(activeOrg)}`)
      .set("X-Organization-Id", newId());
    expectError(res, 403, "FORBIDDEN");
    expect(res.body.error.message).toMatch(/log in/i);
  });

  it("accepts an X-Organization-Id equal to the token's organization", async () => {
    const res = await request(gateway.url)
      .get("/api/v1/tenant/organizations/current")
      .set("Authorization", `Bearer ${tokenFor(activeOrg)}`)
      .set("X-Organization-Id", activeOrg);
    expect(res.status).toBe(200);
  });

  it("refuses a suspended organization with 403 ORGANIZATION_SUSPENDED", async () => {
    const org = newId();
    tenant.organizations.set(org, { status: "suspended", enabledModules: ["finance"] });
    const res = await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", `Bearer ${tokenFor(org)}`);
    expectError(res, 403, "ORGANIZATION_SUSPENDED");
  });

  it("refuses a pending organization with 403", async () => {
    const org = newId();
    tenant.organizations.set(org, { status: "pending", enabledModules: [] });
    const res = await request(gateway.url).get("/api/v1/tenant/organizations/current").set("Authorization", `Bearer ${tokenFor(org)}`);
    expectError(res, 403, "ORGANIZATION_INACTIVE");
  });

  it("refuses an organization tenant does not know with 403", async () => {
    const res = await request(gateway.url).get("/api/v1/users/me").set("Authorization", `Bearer ${tokenFor(newId())}`);
    expectError(res, 403, "FORBIDDEN");
  });
});

describe("module gate", () => {
  it("refuses a module the organization has not enabled with 403 MODULE_DISABLED", async () => {
    const res = await request(gateway.url).get("/api/v1/crm/leads").set("Authorization", `Bearer ${tokenFor(activeOrg)}`);
    expectError(res, 403, "MODULE_DISABLED");
    expect(others.CRM_URL!.requests.filter((r) => r.url === "/api/v1/crm/leads")).toHaveLength(0);
  });

  it("lets an enabled module and the core services through", async () => {
    const auth = `Bearer ${tokenFor(activeOrg)}`;
    for (const path of ["/api/v1/finance/invoices", "/api/v1/users/me", "/api/v1/auth/me", "/api/v1/tenant/plans"]) {
      const res = await request(gateway.url).get(path).set("Authorization", auth);
      expect([path, res.status]).toEqual([path, 200]);
    }
  });
});

describe("organization access cache", () => {
  it("asks tenant once per organization until a successful tenant write invalidates it", async () => {
    const org = newId();
    const auth = `Bearer ${tokenFor(org)}`;
    tenant.organizations.set(org, { status: "active", enabledModules: ["finance"] });
    const lookups = () => tenant.accessLookups.filter((id) => id === org).length;

    await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", auth).expect(200);
    await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", auth).expect(200);
    expect(lookups()).toBe(1);

    // tenant changes behind the gateway's back: the cached answer stands for the TTL...
    tenant.organizations.set(org, { status: "active", enabledModules: [] });
    await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", auth).expect(200);
    // ...a failed write does not invalidate...
    await request(gateway.url).put("/api/v1/tenant/modules/finance/status/400").set("Authorization", auth).expect(400);
    await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", auth).expect(200);
    expect(lookups()).toBe(1);

    // ...but a successful one does, and the next request sees the module disabled.
    await request(gateway.url).put("/api/v1/tenant/modules/finance").set("Authorization", auth).send({ enabled: false }).expect(200);
    const res = await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", auth);
    expectError(res, 403, "MODULE_DISABLED");
    expect(lookups()).toBe(2);
  });
});

describe("proxying", () => {
  it("streams a large binary body to the upstream unchanged", async () => {
    const body = randomBytes(3 * 1024 * 1024);
    const res = await request(gateway.url)
      .post("/api/v1/finance/uploads")
      .set("Authorization", `Bearer ${tokenFor(activeOrg)}`)
      .set("Content-Type", "application/octet-stream")
      .send(body);
    expect(res.status).toBe(200);
    expect(res.body.data.bodyLength).toBe(body.length);
    expect(res.body.data.bodySha256).toBe(createHash("sha256").update(body).digest("hex"));
    expect(res.body.data.headers["content-type"]).toBe("application/octet-stream");
  });

  it("streams a chunked body and drops hop-by-hop headers in both directions", async () => {
    const token = tokenFor(activeOrg);
    const { status, headers, body } = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const req = httpRequest(`${gateway.url}/api/v1/finance/notes`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "text/plain",
            connection: "keep-alive, x-client-hop",
            "x-client-hop": "secret",
            "proxy-authorization": "Basic abc",
          },
        });
        req.on("response", (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        });
        req.on("error", reject);
        req.write("first chunk\n");
        setTimeout(() => req.end("second chunk\n"), 20);
      },
    );
    expect(status).toBe(200);
    const echoed = JSON.parse(body).data;
    expect(echoed.bodySha256).toBe(createHash("sha256").update("first chunk\nsecond chunk\n").digest("hex"));
    expect(echoed.headers["x-client-hop"]).toBeUndefined();
    expect(echoed.headers["proxy-authorization"]).toBeUndefined();
    expect(headers["x-upstream-hop"]).toBeUndefined();
    expect(headers["proxy-authenticate"]).toBeUndefined();
  });

  it("answers 404 NOT_FOUND for an unknown service", async () => {
    const res = await request(gateway.url).get("/api/v1/payroll/runs").set("Authorization", `Bearer ${tokenFor(activeOrg)}`);
    expectError(res, 404, "NOT_FOUND");
  });

  it("never exposes /internal routes, directly or through dot segments", async () => {
    const auth = `Bearer ${tokenFor(activeOrg)}`;
    const direct = await request(gateway.url).get(`/internal/organizations/${activeOrg}/access`).set("Authorization", auth);
    expectError(direct, 404, "NOT_FOUND");
    for (const path of [
      `/api/v1/tenant/../../internal/organizations/${activeOrg}/access`,
      `/api/v1/tenant/%2e%2e/%2e%2e/internal/organizations/${activeOrg}/access`,
    ]) {
      const status = await new Promise<number>((resolve, reject) => {
        httpRequest(`${gateway.url}${path}`, { headers: { authorization: auth } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on("error", reject)
          .end();
      });
      expect([path, status]).toEqual([path, 404]);
    }
    expect(tenant.requests.some((r) => r.url.includes("internal"))).toBe(false);
  });
});

describe("upstream failures", () => {
  let broken: RunningServer;
  let slow: FakeUpstream;

  beforeAll(async () => {
    slow = await startFakeUpstream("finance");
    broken = await startGateway(
      gatewayEnv(issuer, { ...urls, FINANCE_URL: slow.url, CRM_URL: await unusedUrl() }, { PROXY_TIMEOUT_MS: "300" }),
    );
    tenant.organizations.set(activeOrg, { status: "active", enabledModules: ["finance", "crm"] });
  });

  afterAll(async () => {
    tenant.organizations.set(activeOrg, { status: "active", enabledModules: ["finance"] });
    await broken?.close();
    await slow?.close();
  });

  it("answers 503 UPSTREAM_UNAVAILABLE when the service is down", async () => {
    const res = await request(broken.url).get("/api/v1/crm/leads").set("Authorization", `Bearer ${tokenFor(activeOrg)}`);
    expectError(res, 503, "UPSTREAM_UNAVAILABLE");
  });

  it("answers 504 UPSTREAM_TIMEOUT when the service does not answer in time", async () => {
    const res = await request(broken.url).get("/api/v1/finance/slow").set("Authorization", `Bearer ${tokenFor(activeOrg)}`);
    expectError(res, 504, "UPSTREAM_TIMEOUT");
  });

  it("answers 502 UPSTREAM_ERROR when the service hangs up", async () => {
    const res = await request(broken.url).get("/api/v1/finance/hang-up").set("Authorization", `Bearer ${tokenFor(activeOrg)}`);
    expectError(res, 502, "UPSTREAM_ERROR");
  });

  it("still serves requests on the keep-alive pool after the failures", async () => {
    const res = await request(broken.url).get("/api/v1/finance/invoices").set("Authorization", `Bearer ${tokenFor(activeOrg)}`);
    expect(res.status).toBe(200);
  });
});

describe("/ready", () => {
  afterEach(() => {
    tenant.ready = true;
    others.CRM_URL!.ready = true;
  });

  it("is 200 when every upstream is ready", async () => {
    const res = await request(gateway.url).get("/ready");
    expect(res.status).toBe(200);
    expect(res.body.down).toEqual([]);
    expect(res.body.upstreams).toHaveLength(7);
  });

  it("stays 200 but reports an optional upstream that is down", async () => {
    others.CRM_URL!.ready = false;
    const res = await request(gateway.url).get("/ready");
    expect(res.status).toBe(200);
    expect(res.body.down).toEqual(["crm"]);
  });

  it("is 503 listing every upstream that is down when a required one is", async () => {
    tenant.ready = false;
    others.CRM_URL!.ready = false;
    const res = await request(gateway.url).get("/ready");
    expect(res.status).toBe(503);
    expect(res.body.status).toBe("not_ready");
    expect(res.body.down.sort()).toEqual(["crm", "tenant"]);
  });
});

describe("/docs", () => {
  it("serves one Swagger UI listing every service's OpenAPI document", async () => {
    const page = await request(gateway.url).get("/docs/");
    expect(page.status).toBe(200);
    expect(page.text).toContain("swagger-ui");
    const init = await request(gateway.url).get("/docs/swagger-ui-init.js");
    expect(init.status).toBe(200);
    for (const service of ["auth", "tenant", "users", "master-data", "finance", "crm", "notifications"]) {
      expect(init.text).toContain(`/api/v1/${service}/openapi.json`);
    }
  });
});

describe("event catalog", () => {
  it("publishes every event type as AsyncAPI without a token", async () => {
    const res = await request(gateway.url).get("/api/v1/events/asyncapi.json");
    expect(res.status).toBe(200);
    expect(res.body.asyncapi).toMatch(/^3\./);
    const addresses = Object.values(res.body.channels as Record<string, { address: string }>).map((c) => c.address);
    expect(addresses).toEqual(expect.arrayContaining(["erp.tenant", "erp.auth", "erp.user", "erp.master_data", "erp.inventory"]));
    const messages = JSON.stringify(res.body.components.messages);
    for (const type of ["tenant.organization.created", "user.invitation.created", "master_data.customer.created", "inventory.stock.moved"]) {
      expect(messages).toContain(type);
    }
  });
});

describe("shutdown", () => {
  it("finishes the request in flight, then stops accepting connections", async () => {
    const stopping = await startGateway(gatewayEnv(issuer, urls));
    const path = `/api/v1/finance/${newId()}/delayed`;
    const answered = request(stopping.url).get(path).set("Authorization", `Bearer ${tokenFor(activeOrg)}`).then((res) => res.status);
    await waitFor(() => others.FINANCE_URL!.arrived.includes(path), { timeoutMs: 2_000, intervalMs: 5 });
    await stopping.close();
    expect(await answered).toBe(200);
    await expect(request(stopping.url).get("/health")).rejects.toThrow(/ECONNREFUSED/);
  });
});
