/**
 * The gateway serves the services that exist (QA): without NOTIFICATION_URL (there is no
 * notifications service yet) `/ready` does not report notifications as down, `/docs` does not
 * offer its document and its path is 404; with the variable set, it is an upstream like the others.
 */
import request from "supertest";
import { startTestIssuer } from "@erp/testkit";
import { parseGatewayConfig } from "../src/config";
import { createUpstreams } from "../src/upstreams";
import { gatewayEnv, startFakeTenant, startFakeUpstream, startGateway, type FakeUpstream } from "./helpers";

type Closeable = { close(): Promise<unknown> | unknown };
const closing: Closeable[] = [];
afterAll(async () => {
  for (const thing of closing.reverse()) await thing.close();
});

async function system(extra: Record<string, string> = {}) {
  const issuer = await startTestIssuer();
  const tenant = await startFakeTenant();
  closing.push(issuer, tenant);
  const urls: Record<string, string> = { TENANT_URL: tenant.url };
  for (const [variable, name] of [["AUTH_URL", "auth"], ["USER_URL", "users"], ["MASTER_DATA_URL", "master-data"], ["FINANCE_URL", "finance"], ["CRM_URL", "crm"]] as const) {
    const upstream: FakeUpstream = await startFakeUpstream(name);
    closing.push(upstream);
    urls[variable] = upstream.url;
  }
  const gateway = await startGateway(gatewayEnv(issuer, { ...urls, ...extra }, { READY_TIMEOUT_MS: "10000" }));
  closing.push(gateway);
  return gateway;
}

test("without NOTIFICATION_URL, /ready lists only the services that exist and is ready", async () => {
  const gateway = await system();
  const res = await request(gateway.url).get("/ready");
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: "ready", down: [] });
  expect(res.body.upstreams.map((u: { service: string }) => u.service).sort()).toEqual(["auth", "crm", "finance", "master-data", "tenant", "users"]);
  const init = await request(gateway.url).get("/docs/swagger-ui-init.js");
  expect(init.text).not.toContain("/api/v1/notifications/");
  expect((await request(gateway.url).get("/api/v1/notifications/anything")).status).toBe(404);
});

test("NOTIFICATION_URL set makes notifications an upstream, reported as down while it does not answer", async () => {
  expect([...createUpstreams(parseGatewayConfig({ INTERNAL_API_KEY: "x".repeat(16) })).keys()]).not.toContain("notifications");
  const notifications = await startFakeUpstream("notifications");
  closing.push(notifications);
  const gateway = await system({ NOTIFICATION_URL: notifications.url });
  expect((await request(gateway.url).get("/ready")).body.upstreams).toContainEqual({ service: "notifications", required: false, status: "up" });
  notifications.ready = false;
  const res = await request(gateway.url).get("/ready");
  expect(res.status).toBe(200);
  expect(res.body.down).toEqual(["notifications"]);
});
