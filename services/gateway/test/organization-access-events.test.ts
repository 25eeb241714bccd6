/**
 * Two gateway instances in front of the real tenant service, on one database: a change to an
 * organization's access made through one instance (or by an operator, through neither) is
 * refused by the other within a second, long before its cache's TTL (ten minutes here), because
 * every instance follows `tenant.*` events.
 */
import request from "supertest";
import { uuidv7 } from "@erp/db";
import { createTestDatabase, startTestIssuer, type TestIssuer } from "@erp/testkit";
import { startServer as startTenant } from "@erp/tenant";
import type { RunningServer } from "../src/server";
import { gatewayEnv, INTERNAL_API_KEY, startFakeUpstream, startGateway, type FakeUpstream } from "./helpers";

let issuer: TestIssuer;
let tenant: { url: string; close(): Promise<void> };
let masterData: FakeUpstream;
let first: RunningServer;
let second: RunningServer;

beforeAll(async () => {
  issuer = await startTestIssuer();
  const databaseUrl = await createTestDatabase();
  const common = { NODE_ENV: "test", LOG_LEVEL: "error", INTERNAL_API_KEY, DATABASE_URL: databaseUrl };
  tenant = await startTenant(
    { ...common, AUTH_JWKS_URL: issuer.jwksUrl, JWT_ISSUER: issuer.issuer, JWT_AUDIENCE: issuer.audience, EVENTS_POLL_INTERVAL_MS: "200" },
    { port: 0 },
  );
  masterData = await startFakeUpstream("master-data");
  const env = gatewayEnv(issuer, { TENANT_URL: tenant.url, MASTER_DATA_URL: masterData.url }, {
    DATABASE_URL: databaseUrl,
    // Far longer than the test: only the events can make an instance forget.
    ORG_ACCESS_CACHE_TTL_MS: "600000",
    EVENTS_POLL_INTERVAL_MS: "200",
  });
  [first, second] = [await startGateway(env), await startGateway(env)];
}, 60_000);

afterAll(async () => {
  await first?.close();
  await second?.close();
  await masterData?.close();
  await tenant?.close();
  await issuer?.close();
});

const internal = (path: string) => request(tenant.url).post(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`);

async function activeOrganization(): Promise<string> {
  const id = uuidv7();
  expect((await internal("/organizations").send({ id, name: `Org ${id.slice(-6)}` })).status).toBe(201);
  expect((await internal(`/organizations/${id}/activate`)).status).toBe(200);
  return id;
}

const tokenFor = (organizationId: string) =>
  issuer.mint({ org: organizationId, roles: ["owner"], permissions: ["tenant.module.read", "tenant.module.update", "tenant.organization.read"] });

/** Polls `gateway` until `path` answers `status` with `code`; resolves with the time it took. */
async function refusedWithin(gateway: RunningServer, token: string, path: string, code: string, deadlineMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await request(gateway.url).get(path).set("Authorization", `Bearer ${token}`);
    if (res.status === 403 && res.body.error?.code === code) return Date.now() - started;
    if (Date.now() - started > deadlineMs) throw new Error(`${path} still answers ${res.status} after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("a module disabled through one gateway is refused by the other within a second", async () => {
  const org = await activeOrganization();
  const token = tokenFor(org);
  // Both instances have cached the organization with master-data enabled.
  for (const gateway of [first, second]) {
    expect((await request(gateway.url).get("/api/v1/master-data/customers").set("Authorization", `Bearer ${token}`)).status).toBe(200);
  }

  const disabled = await request(first.url).put("/api/v1/tenant/modules/master-data").set("Authorization", `Bearer ${token}`).send({ enabled: false });
  expect(disabled.status).toBe(200);
  expect(await refusedWithin(second, token, "/api/v1/master-data/customers", "MODULE_DISABLED", 1000)).toBeLessThan(1000);
});

test("an organization suspended by an operator (through no gateway) is refused by every instance within a second", async () => {
  const org = await activeOrganization();
  const token = tokenFor(org);
  for (const gateway of [first, second]) {
    expect((await request(gateway.url).get("/api/v1/master-data/customers").set("Authorization", `Bearer ${token}`)).status).toBe(200);
  }

  expect((await internal(`/organizations/${org}/suspend`)).status).toBe(200);
  for (const gateway of [first, second]) {
    expect(await refusedWithin(gateway, token, "/api/v1/master-data/customers", "ORGANIZATION_SUSPENDED", 1000)).toBeLessThan(1000);
  }
});
