/**
 * Every error a client can get from the gateway (its own, and an upstream's passed through)
 * answers in the API.md error shape, as JSON, with the request id in `X-Request-Id` and the body.
 */
import type { Server } from "node:http";
import { once } from "node:events";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import request from "supertest";
import { createServiceApp } from "@erp/http-kit";
import { createLogger } from "@erp/logging";
import { startTestIssuer, type TestIssuer } from "@erp/testkit";
import type { RunningServer } from "../src/server";
import { gatewayEnv, newId, startFakeTenant, startGateway, type FakeTenant } from "./helpers";

let issuer: TestIssuer;
let tenant: FakeTenant;
/** A real service app (the kit's body limit and error handler) with a 10 kB body limit. */
let finance: Server;
let gateway: RunningServer;

const activeOrg = newId();
const withoutModules = newId();
const tokenFor = (org: string) => issuer.mint({ sub: newId(), org, roles: ["owner"], permissions: ["*"] });

interface ErrorAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
}

function expectErrorShape(res: ErrorAnswer, status: number, code: string): void {
  expect([res.status, res.body.error?.code]).toEqual([status, code]);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(typeof res.body.error?.message).toBe("string");
  expect(res.headers["x-request-id"]).toBeTruthy();
  expect(res.body.error?.requestId).toBe(res.headers["x-request-id"]);
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  tenant = await startFakeTenant();
  tenant.organizations.set(activeOrg, { status: "active", enabledModules: ["finance"] });
  tenant.organizations.set(withoutModules, { status: "active", enabledModules: [] });
  const quiet = createLogger({ service: "finance", format: "json", destination: new Writable({ write: (_c, _e, done) => done() }) });
  const service = createServiceApp({
    service: "finance",
    title: "Finance",
    version: "0.0.0",
    basePath: "/api/v1/finance",
    logger: quiet,
    bodyLimit: "10kb",
  });
  service.finalize();
  finance = service.app.listen(0, "127.0.0.1");
  await once(finance, "listening");
  const financeUrl = `http://127.0.0.1:${(finance.address() as AddressInfo).port}`;
  gateway = await startGateway(gatewayEnv(issuer, { TENANT_URL: tenant.url, FINANCE_URL: financeUrl }));
});

afterAll(async () => {
  await gateway?.close();
  finance?.closeAllConnections();
  await new Promise((resolve) => finance?.close(resolve));
  await tenant?.close();
  await issuer?.close();
});

describe("404 for paths the gateway does not serve", () => {
  const unknown = [
    ["get", "/nope"],
    ["get", "/api/v1"],
    ["get", "/api/v1/"],
    ["get", "/api/v1/payroll/runs"],
    ["get", "/internal/organizations/x/access"],
    ["get", "/docs/nope"],
    ["get", "/docs/package.json"],
    ["get", "/health/details"],
    ["post", "/health"],
    ["delete", "/api/v1/events/asyncapi.json"],
  ] as const;

  it.each(unknown)("%s %s answers 404 NOT_FOUND without a token, not 401", async (method, path) => {
    expectErrorShape(await request(gateway.url)[method](path), 404, "NOT_FOUND");
  });

  it("answers the same 404 with a token, without asking tenant about the organization", async () => {
    const org = newId();
    tenant.organizations.set(org, { status: "active", enabledModules: [] });
    for (const [method, path] of unknown) {
      const res = await request(gateway.url)[method](path).set("Authorization", `Bearer ${tokenFor(org)}`);
      expectErrorShape(res, 404, "NOT_FOUND");
    }
    expect(tenant.accessLookups).not.toContain(org);
  });
});

describe("the gateway's own refusals", () => {
  it("401 UNAUTHENTICATED without a token", async () => {
    expectErrorShape(await request(gateway.url).get("/api/v1/finance/invoices"), 401, "UNAUTHENTICATED");
  });

  it("401 UNAUTHENTICATED for a token that is not one", async () => {
    const res = await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", "Bearer not.a.token");
    expectErrorShape(res, 401, "UNAUTHENTICATED");
  });

  it("403 MODULE_DISABLED for a module the plan does not enable", async () => {
    const res = await request(gateway.url).get("/api/v1/finance/invoices").set("Authorization", `Bearer ${tokenFor(withoutModules)}`);
    expectErrorShape(res, 403, "MODULE_DISABLED");
  });

  it("429 RATE_LIMITED with Retry-After once the points are used", async () => {
    const limited = await startGateway(gatewayEnv(issuer, { TENANT_URL: tenant.url }, { RATE_LIMIT_POINTS: "1" }));
    try {
      await request(limited.url).get("/nope").expect(404);
      const res = await request(limited.url).get("/nope");
      expectErrorShape(res, 429, "RATE_LIMITED");
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe("413 from the service, passed through", () => {
  const path = "/api/v1/finance/notes";

  it("answers 413 PAYLOAD_TOO_LARGE for a body whose length is declared", async () => {
    const res = await request(gateway.url)
      .post(path)
      .set("Authorization", `Bearer ${tokenFor(activeOrg)}`)
      .set("Content-Type", "application/json")
      .send(JSON.stringify({ text: "x".repeat(50_000) }));
    expectErrorShape(res, 413, "PAYLOAD_TOO_LARGE");
  });

  it("answers 413 PAYLOAD_TOO_LARGE for a chunked body that goes on past the limit", async () => {
    const token = tokenFor(activeOrg);
    const res = await new Promise<ErrorAnswer>((resolve, reject) => {
      const req = httpRequest(`${gateway.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      });
      req.on("response", (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: JSON.parse(text) }));
      });
      req.on("error", reject);
      // 2 MB in 64 kB chunks, written as the socket takes them; the service answers long before the end.
      const chunk = "x".repeat(64 * 1024);
      let sent = 0;
      const pump = (): void => {
        while (sent < 32) {
          sent += 1;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end('"}');
      };
      req.write('{"text":"');
      pump();
    });
    expectErrorShape(res, 413, "PAYLOAD_TOO_LARGE");
  });
});

describe("/docs", () => {
  it("sends /docs to /docs/, where the page's relative asset URLs resolve", async () => {
    const res = await request(gateway.url).get("/docs?urls.primaryName=crm");
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe("/docs/?urls.primaryName=crm");
  });

  it("serves the page and its assets under /docs/", async () => {
    const page = await request(gateway.url).get("/docs/");
    expect(page.status).toBe(200);
    expect(page.text).toContain("./swagger-ui-init.js");
    for (const asset of ["/docs/swagger-ui-init.js", "/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js"]) {
      expect([asset, (await request(gateway.url).get(asset)).status]).toEqual([asset, 200]);
    }
  });
});
