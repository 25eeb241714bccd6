/** Registration against the real tenant service, both on one test database. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase, dropTestDatabases, testConfigEnv } from "@erp/testkit";
import { startServer as startTenant } from "../../../../tenant/src/server";
import { STRONG_PASSWORD, startAuth, uniqueEmail, type AuthHarness } from "../../../test/harness";

/**
 * Sits between auth and tenant: auth needs tenant's URL and tenant needs auth's JWKS URL, so one
 * of them must learn the other's address later; it also lets a test make activation fail.
 */
async function startTenantProxy() {
  const state = { target: "", failActivate: false };
  const server = createServer(async (req, res) => {
    if (state.failActivate && req.url?.endsWith("/activate")) {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "INTERNAL", message: "boom" } }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${state.target}${req.url}`, {
      method: req.method,
      headers: Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== "host" && name !== "connection")) as Record<string, string>,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { state, url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let proxy: Awaited<ReturnType<typeof startTenantProxy>>;
let tenant: Awaited<ReturnType<typeof startTenant>>;
let h: AuthHarness;

beforeAll(async () => {
  const databaseUrl = await createTestDatabase();
  proxy = await startTenantProxy();
  h = await startAuth({ tenantUrl: proxy.url, databaseUrl });
  tenant = await startTenant(testConfigEnv({ DATABASE_URL: databaseUrl, AUTH_URL: h.auth.url }), { port: 0 });
  proxy.state.target = tenant.url;
});

afterAll(async () => {
  await h.close();
  await tenant.close();
  await proxy.close();
  await dropTestDatabases();
});

const organizationsNamed = async (name: string) =>
  (await h.sql.query("select id, status from tenant.organizations where name = $1", [name])).rows;

describe("registration with the real tenant service", () => {
  it("creates an active organization that tenant serves to the new owner's token", async () => {
    const organizationName = `Initech ${uniqueEmail()}`;
    const res = await h.http().post("/api/v1/auth/register").send({ organizationName, name: "Peter", email: uniqueEmail(), password: STRONG_PASSWORD });
    expect(res.status).toBe(201);
    const { organization, tokens } = res.body.data;
    expect(organization).toMatchObject({ name: organizationName, status: "active", slug: expect.any(String) });
    expect(await organizationsNamed(organizationName)).toEqual([{ id: organization.id, status: "active" }]);

    // Tenant verifies the token against auth's JWKS: the two services agree end to end.
    const current = await fetch(`${tenant.url}/api/v1/tenant/organizations/current`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(current.status).toBe(200);
    expect(((await current.json()) as { data: { id: string } }).data.id).toBe(organization.id);
  });

  it("when activation fails, leaves neither an organization in tenant nor credentials in auth", async () => {
    proxy.state.failActivate = true;
    try {
      const organizationName = `Halfway ${uniqueEmail()}`;
      const email = uniqueEmail();
      const res = await h.http().post("/api/v1/auth/register").send({ organizationName, name: "Milton", email, password: STRONG_PASSWORD });
      expect(res.status).toBe(502);
      expect(await organizationsNamed(organizationName)).toEqual([]);
      expect((await h.sql.query("select 1 from auth.users where email = $1", [email])).rows).toEqual([]);
    } finally {
      proxy.state.failActivate = false;
    }
  });
});
