/**
 * Lead conversion end to end, through the gateway, with the real tenant, auth, users, master-data
 * and CRM services on one database and its event log: the conversion's event makes the customer in
 * master-data within a second, exactly once however often (and however concurrently) the lead is
 * converted, and the customer's id comes back onto the CRM company.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:net";
import request from "supertest";
import { startServer as startAuth } from "@erp/auth";
import { startServer as startCrm } from "../src/server";
import { startServer as startGateway } from "@erp/gateway";
import { startServer as startMasterData } from "@erp/master-data";
import { startServer as startTenant } from "@erp/tenant";
import { startServer as startUsers } from "@erp/user";
import { createTestDatabase, waitFor } from "@erp/testkit";

type Running = { url: string; close(): Promise<void> };
const running: Running[] = [];
let api: () => ReturnType<typeof request>;

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
    INTERNAL_API_KEY: "crm-e2e-internal-key-0123456789",
    DATABASE_URL: await createTestDatabase(),
  };
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
  const masterData = await startMasterData({ ...common, ...jwks }, { port: 0 });
  const crm = await startCrm({ ...common, ...jwks, USER_URL: users.url }, { port: 0 });
  running.push(masterData, crm);
  const gateway = await startGateway(
    { ...common, ...jwks, TENANT_URL: tenant.url, USER_URL: users.url, MASTER_DATA_URL: masterData.url, CRM_URL: crm.url },
    { port: 0 },
  );
  running.push(gateway);
  api = () => request(gateway.url);
}, 90_000);

afterAll(async () => {
  for (const service of running.reverse()) await service.close();
});

/** A new organization on the pro plan (CRM enabled), and its owner's requests through the gateway. */
async function organization() {
  const email = `${randomUUID()}@example.com`;
  const res = await api().post("/api/v1/auth/register").send({ organizationName: "Acme Sales", name: "Owner", email, password: "correct horse battery staple" });
  expect(res.status).toBe(201);
  const auth = `Bearer ${res.body.data.tokens.accessToken as string}`;
  const client = {
    get: (path: string) => api().get(`/api/v1${path}`).set("Authorization", auth),
    post: (path: string, body: object) => api().post(`/api/v1${path}`).set("Authorization", auth).send(body),
    put: (path: string, body: object) => api().put(`/api/v1${path}`).set("Authorization", auth).send(body),
  };
  expect((await client.put("/tenant/subscription", { planCode: "pro" })).status).toBe(200);
  return { ...client, userId: res.body.data.userId as string };
}

type Client = Awaited<ReturnType<typeof organization>>;

const customersNamed = async (client: Client, name: string) =>
  ((await client.get(`/master-data/customers?q=${encodeURIComponent(name)}&limit=200`)).body.data as { id: string; legalName: string }[]).filter(
    (c) => c.legalName === name,
  );

describe("lead conversion through the gateway into master-data", () => {
  it("makes the customer within a second, once when converted twice, and links it to the CRM company", async () => {
    const client = await organization();
    const lead = await client.post("/crm/leads", { name: "Ann Miller", companyName: "Initrode AG", email: "ann@initrode.example", estimatedValue: "5000.00", currency: "EUR" });
    expect(lead.status).toBe(201);

    const converted = await client.post(`/crm/leads/${lead.body.data.id}/convert`, { opportunity: {} });
    expect(converted.status).toBe(200);
    const [customer] = await waitFor(async () => (await customersNamed(client, "Initrode AG")).length > 0 && customersNamed(client, "Initrode AG"), {
      timeoutMs: 1_000,
      what: "the customer in master-data",
    });
    expect(customer).toMatchObject({ legalName: "Initrode AG", type: "company", email: "ann@initrode.example", website: "https://initrode.example", currency: "EUR" });

    const again = await client.post(`/crm/leads/${lead.body.data.id}/convert`, { opportunity: {} });
    expect(again.body.data).toEqual(converted.body.data);
    const company = await waitFor(
      async () => {
        const res = await client.get(`/crm/companies/${converted.body.data.companyId as string}`);
        return res.body.data.customerId ? res.body.data : undefined;
      },
      { what: "the customer id on the CRM company" },
    );
    expect(company.customerId).toBe(customer!.id);
    expect(await customersNamed(client, "Initrode AG")).toHaveLength(1);
  });

  it("concurrent conversions of the same lead: one customer, one company, one contact", async () => {
    const client = await organization();
    const lead = await client.post("/crm/leads", { name: "Bo Berg", companyName: "Vandelay Industries", email: "bo@vandelay.example" });
    const results = await Promise.all(Array.from({ length: 4 }, () => client.post(`/crm/leads/${lead.body.data.id}/convert`, {})));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.data.companyId)).size).toBe(1);
    const companyId = results[0]!.body.data.companyId as string;
    await waitFor(async () => (await client.get(`/crm/companies/${companyId}`)).body.data.customerId, { what: "the customer id on the CRM company" });
    expect(await customersNamed(client, "Vandelay Industries")).toHaveLength(1);
    expect((await client.get("/crm/companies?count=true")).body.page.total).toBe(1);
    expect((await client.get("/crm/contacts?count=true")).body.page.total).toBe(1);
  });

  it("two leads of one company converting at once, then a third after the link: one customer for the company", async () => {
    const client = await organization();
    const leads = await Promise.all(
      ["Cy Hale", "Di Moss"].map(async (name, i) => (await client.post("/crm/leads", { name, companyName: "Globex Corp", email: `${i}@globex.example` })).body.data.id as string),
    );
    const results = await Promise.all(leads.map((id) => client.post(`/crm/leads/${id}/convert`, {})));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const companyId = results[0]!.body.data.companyId as string;
    expect(results[1]!.body.data.companyId).toBe(companyId);
    const company = await waitFor(async () => (await client.get(`/crm/companies/${companyId}`)).body.data.customerId && (await client.get(`/crm/companies/${companyId}`)).body.data, {
      timeoutMs: 1_000,
      what: "the customer id on the CRM company",
    });
    const third = await client.post("/crm/leads", { name: "Ed Lane", companyName: "Globex Corp", email: "ed@globex.example" });
    expect((await client.post(`/crm/leads/${third.body.data.id as string}/convert`, {})).body.data.companyId).toBe(companyId);
    const customers = await customersNamed(client, "Globex Corp");
    expect(customers.map((c) => c.id)).toEqual([company.customerId]);
  });
});

describe("owners are members of the organization (the users service's answer, then its events)", () => {
  it("the registered owner may be given records; a user who is no member is refused with 422 naming the field", async () => {
    const client = await organization();
    const mine = await client.post("/crm/companies", { name: "Owned", ownerId: client.userId });
    expect([mine.status, mine.body.data?.ownerId]).toEqual([201, client.userId]);
    const stranger = await client.post("/crm/opportunities", { name: "Nobody's", ownerId: randomUUID() });
    expect([stranger.status, stranger.body.error.code, stranger.body.error.details]).toEqual([
      422,
      "NOT_AN_ACTIVE_MEMBER",
      [{ path: "ownerId", message: "Not an active member of the organization" }],
    ]);
  });
});
