/**
 * The ledger end to end, through the gateway, with the real tenant, auth, users and finance
 * services on one database and its event log: finance is refused until the plan includes it, the
 * organization's default chart comes from tenant.organization.created (finance is never asked about
 * the organization), the fiscal year follows the tenant's setting, and entries post through the
 * gateway with gap-free numbers.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:net";
import pg from "pg";
import request from "supertest";
import { startServer as startAuth } from "@erp/auth";
import { startServer as startGateway } from "@erp/gateway";
import { startServer as startTenant } from "@erp/tenant";
import { startServer as startUsers } from "@erp/user";
import { createTestDatabase, waitFor } from "@erp/testkit";
import { startServer as startFinance } from "../src/server";

type Running = { url: string; close(): Promise<void> };
const running: Running[] = [];
let api: () => ReturnType<typeof request>;
let owner: pg.Pool;

async function unusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  const common = {
    NODE_ENV: "test",
    LOG_LEVEL: "error",
    LOG_FORMAT: "json",
    INTERNAL_API_KEY: "finance-e2e-internal-key-0123456789",
    DATABASE_URL: await createTestDatabase(),
    EVENTS_POLL_INTERVAL_MS: "100",
  };
  owner = new pg.Pool({ connectionString: common.DATABASE_URL, max: 2 });
  const authUrl = await unusedUrl();
  const jwks = { AUTH_URL: authUrl, AUTH_JWKS_URL: `${authUrl}/api/v1/auth/.well-known/jwks.json` };
  const tenant = await startTenant({ ...common, ...jwks }, { port: 0 });
  const users = await startUsers({ ...common, ...jwks }, { port: 0 });
  running.push(tenant, users);
  running.push(
    await startAuth(
      { ...common, TENANT_URL: tenant.url, USER_URL: users.url, BCRYPT_ROUNDS: "10", SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64") },
      { port: Number(new URL(authUrl).port) },
    ),
  );
  const finance = await startFinance({ ...common, ...jwks, TENANT_URL: tenant.url }, { port: 0 });
  running.push(finance);
  const gateway = await startGateway({ ...common, ...jwks, TENANT_URL: tenant.url, USER_URL: users.url, FINANCE_URL: finance.url }, { port: 0 });
  running.push(gateway);
  api = () => request(gateway.url);
}, 90_000);

afterAll(async () => {
  for (const service of running.reverse()) await service.close();
  await owner?.end();
});

/** A new organization (free plan) and its owner's requests through the gateway. */
async function organization() {
  const email = `${randomUUID()}@example.com`;
  const res = await api().post("/api/v1/auth/register").send({ organizationName: "Acme Books", name: "Owner", email, password: "correct horse battery staple" });
  expect(res.status).toBe(201);
  const auth = `Bearer ${res.body.data.tokens.accessToken as string}`;
  const client = {
    id: res.body.data.organization.id as string,
    get: (path: string) => api().get(`/api/v1${path}`).set("Authorization", auth),
    post: (path: string, body: object) => api().post(`/api/v1${path}`).set("Authorization", auth).send(body),
    put: (path: string, body: object) => api().put(`/api/v1${path}`).set("Authorization", auth).send(body),
    patch: (path: string, body: object) => api().patch(`/api/v1${path}`).set("Authorization", auth).send(body),
  };
  return client;
}

const ledgerSettings = async (organizationId: string) =>
  (await owner.query("SELECT base_currency, fiscal_year_start_month, chart_created_at IS NOT NULL AS chart FROM finance.ledger_settings WHERE organization_id = $1", [organizationId]))
    .rows[0] as { base_currency: string; fiscal_year_start_month: number; chart: boolean } | undefined;

it("finance answers only plans that include it; the chart comes from the tenant's event; entries post with gap-free numbers in the tenant's fiscal year", async () => {
  const client = await organization();
  const refused = await client.get("/finance/accounts");
  expect([refused.status, refused.body.error.code]).toEqual([403, "MODULE_DISABLED"]);

  // Set up from tenant.organization.created before any finance request reached the organization.
  const settings = await waitFor(async () => (await ledgerSettings(client.id))?.chart && ledgerSettings(client.id), { what: "the ledger set up from the event" });
  expect(settings).toEqual({ base_currency: "USD", fiscal_year_start_month: 1, chart: true });

  expect((await client.put("/tenant/subscription", { planCode: "pro" })).status).toBe(200);
  expect((await client.patch("/tenant/settings", { fiscalYearStartMonth: 4 })).status).toBe(200);
  await waitFor(async () => (await ledgerSettings(client.id))?.fiscal_year_start_month === 4, { what: "the fiscal year start copied" });

  const accounts = await waitFor(async () => {
    const res = await client.get("/finance/accounts?isGroup=false&limit=200");
    return res.status === 200 && (res.body.data as { id: string; code: string }[]);
  }, { what: "finance enabled for the organization" });
  const id = (code: string) => accounts.find((account) => account.code === code)!.id;
  const lines = (amount: string) => [
    { accountId: id("1110"), debit: amount },
    { accountId: id("4100"), credit: amount },
  ];
  const posted = await Promise.all(["1.00", "2.00", "3.00", "4.00", "5.00"].map((amount) => client.post("/finance/journal-entries?post=true", { date: "2026-03-31", lines: lines(amount) })));
  expect(posted.map((res) => res.status)).toEqual([201, 201, 201, 201, 201]);
  expect(posted.map((res) => res.body.data.number as string).sort()).toEqual(["JE-2025-000001", "JE-2025-000002", "JE-2025-000003", "JE-2025-000004", "JE-2025-000005"]);
  const draft = await client.post("/finance/journal-entries", { date: "2026-04-01", lines: lines("10.00") });
  const afterYearEnd = await client.post(`/finance/journal-entries/${draft.body.data.id as string}/post`, {});
  expect(afterYearEnd.body.data.number).toBe("JE-2026-000001");
  expect((await client.get(`/finance/accounts/${id("1110")}`)).body.data.balance).toEqual({ currency: "USD", debit: "25.00", credit: "0.00", balance: "25.00" });
  expect((await client.get("/finance/reports/ledger-integrity")).body.data).toMatchObject({ status: "intact", entriesChecked: 6 });
}, 60_000);
