/** `GET /` is a public index of the gateway: name, version and links that answer. */
import request from "supertest";
import { startTestIssuer, type TestIssuer } from "@erp/testkit";
import { version } from "../package.json";
import type { RunningServer } from "../src/server";
import { gatewayEnv, startFakeTenant, startFakeUpstream, startGateway, type FakeTenant, type FakeUpstream } from "./helpers";

let issuer: TestIssuer;
let tenant: FakeTenant;
let auth: FakeUpstream;
let gateway: RunningServer;

beforeAll(async () => {
  issuer = await startTestIssuer();
  tenant = await startFakeTenant();
  auth = await startFakeUpstream("auth");
  gateway = await startGateway(gatewayEnv(issuer, { TENANT_URL: tenant.url, AUTH_URL: auth.url }));
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([tenant?.close(), auth?.close()]);
  await issuer?.close();
});

describe("GET /", () => {
  it("answers the gateway's name, version and links without a token", async () => {
    const res = await request(gateway.url).get("/");
    expect(res.status).toBe(200);
    expect(res.headers["x-request-id"]).toBeTruthy();
    expect(res.body).toEqual({
      data: {
        name: "ERP API gateway",
        version,
        links: { docs: "/docs", health: "/health", ready: "/ready", events: "/api/v1/events/asyncapi.json" },
      },
    });
  });

  it("ignores a bad token, as other public routes do", async () => {
    const res = await request(gateway.url).get("/").set("Authorization", "Bearer not-a-token");
    expect(res.status).toBe(200);
    expect(res.body.data.name).toBe("ERP API gateway");
  });

  it("links only to paths that answer without a token", async () => {
    const { links } = (await request(gateway.url).get("/")).body.data as { links: Record<string, string> };
    for (const [name, path] of Object.entries(links)) {
      const res = await request(gateway.url).get(path).redirects(1);
      // /ready is 200 too: the required upstreams (auth, tenant) run; the others are only reported.
      expect([name, res.status]).toEqual([name, 200]);
    }
  });
});
