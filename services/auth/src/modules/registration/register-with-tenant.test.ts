/** Registration against the real tenant service, both on one test database. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { uuidv7 } from "@erp/db";
import { createTestDatabase, dropTestDatabases, testConfigEnv } from "@erp/testkit";
import { startServer as startTenant } from "@erp/tenant";
import { STRONG_PASSWORD, startAuth, uniqueEmail, type AuthHarness } from "../../../test/harness";
import { PasswordHasher } from "../credentials/password";

const INTERNAL_KEY = testConfigEnv().INTERNAL_API_KEY;

/**
 * Sits between auth and tenant: auth needs tenant's URL and tenant needs auth's JWKS URL, so one
 * of them must learn the other's address later; it also lets a test make activation fail.
 */
async function startTenantProxy() {
  const state = { target: "", failActivate: false, loseActivationAnswer: false };
  const server = createServer(async (req, res) => {
    const fail = () => res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "INTERNAL", message: "boom" } }));
    if (state.failActivate && req.url?.endsWith("/activate")) return fail();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${state.target}${req.url}`, {
      method: req.method,
      headers: Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== "host" && name !== "connection")) as Record<string, string>,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    // Tenant activated (and committed), but auth never hears it: auth rolls back, as after a crash.
    if (state.loseActivationAnswer && req.url?.endsWith("/activate") && upstream.ok) return fail();
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
      expect((await h.sql.query("select 1 from auth.registrations where email = $1", [email])).rows).toEqual([]);
    } finally {
      proxy.state.failActivate = false;
    }
  });
});

describe("the crash window between tenant's activation and auth's commit", () => {
  const reconcile = (olderThanSeconds = 0) =>
    h.http().post("/internal/registrations/reconcile").set("authorization", `Bearer ${INTERNAL_KEY}`).send({ olderThanSeconds });
  const login = (email: string, password = STRONG_PASSWORD) => h.http().post("/api/v1/auth/login").send({ email, password });
  const statusOf = async (organizationId: string) =>
    (await h.sql.query("select status from tenant.organizations where id = $1", [organizationId])).rows[0]?.status as string | undefined;
  const ownersOf = async (organizationId: string) =>
    (await h.sql.query("select user_id from users.memberships where organization_id = $1 and status = 'active'", [organizationId])).rows.map(
      (row) => row.user_id as string,
    );

  /** A registration whose activation committed in tenant while auth rolled back (and could not undo it). */
  async function registerLosingActivation(organizationName: string, email = uniqueEmail()) {
    proxy.state.loseActivationAnswer = true;
    try {
      const res = await h.http().post("/api/v1/auth/register").send({ organizationName, name: "Ann", email, password: STRONG_PASSWORD });
      expect(res.status).toBe(502);
    } finally {
      proxy.state.loseActivationAnswer = false;
    }
    const [organization] = await organizationsNamed(organizationName);
    return { email, organizationId: organization.id as string };
  }

  it("leaves an active organization without an owner, which the reconciler completes: the owner signs in with their password", async () => {
    const { email, organizationId } = await registerLosingActivation(`Orphan ${uniqueEmail()}`);
    expect(await statusOf(organizationId)).toBe("active");
    expect((await login(email)).status).toBe(401);
    // A registration so recent may still be running: the default waiting time leaves it alone.
    expect((await reconcile(3600)).body.data).toEqual({ completed: 0, compensated: 0, suspended: 0, failed: 0 });

    expect((await reconcile()).body.data).toEqual({ completed: 1, compensated: 0, suspended: 0, failed: 0 });
    const session = await login(email);
    expect(session.status).toBe(200);
    const claims = JSON.parse(Buffer.from(session.body.data.tokens.accessToken.split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({ org: organizationId, roles: ["owner"] });
    expect(await ownersOf(organizationId)).toEqual([claims.sub]);
    const announced = await h.sql.query("select envelope from auth.outbox where event_type = 'auth.user.registered' and organization_id = $1", [
      organizationId,
    ]);
    expect(announced.rows.map((row) => row.envelope.data)).toEqual([{ userId: claims.sub, email, name: "Ann", roles: ["owner"] }]);
    expect((await h.sql.query("select 1 from auth.registrations where organization_id = $1", [organizationId])).rows).toEqual([]);
    // Settled once: nothing left to do.
    expect((await reconcile()).body.data.completed).toBe(0);
  });

  it("after a crash that undid nothing (the process died right after activation), completes it the same way", async () => {
    // What a kill -9 after tenant's activation leaves: the log row, the active organization and
    // users' owner membership, but no account.
    const organizationId = uuidv7();
    const userId = uuidv7();
    const email = uniqueEmail();
    const internal = { authorization: `Bearer ${INTERNAL_KEY}`, "content-type": "application/json" };
    await fetch(`${tenant.url}/internal/organizations`, { method: "POST", headers: internal, body: JSON.stringify({ id: organizationId, name: `Crashed ${email}` }) });
    expect((await fetch(`${tenant.url}/internal/organizations/${organizationId}/activate`, { method: "POST", headers: internal })).status).toBe(200);
    const owner = await fetch(`${h.users.url}/internal/organizations/${organizationId}/owner`, {
      method: "POST",
      headers: internal,
      body: JSON.stringify({ userId, email, name: "Bob" }),
    });
    expect(owner.status).toBeLessThan(300);
    const passwordHash = await new PasswordHasher(10).hash(STRONG_PASSWORD);
    await h.sql.query("insert into auth.registrations (organization_id, user_id, email, name, password_hash) values ($1, $2, $3, 'Bob', $4)", [
      organizationId,
      userId,
      email,
      passwordHash,
    ]);

    expect((await reconcile()).body.data).toMatchObject({ completed: 1 });
    const session = await login(email);
    expect(session.status).toBe(200);
    expect(JSON.parse(Buffer.from(session.body.data.tokens.accessToken.split(".")[1], "base64url").toString())).toMatchObject({
      sub: userId,
      org: organizationId,
      roles: ["owner"],
    });
  });

  it("when the email became another account meanwhile, suspends the orphan organization instead", async () => {
    const { email, organizationId } = await registerLosingActivation(`Retried ${uniqueEmail()}`);
    // The person saw the error and registered again, successfully.
    const again = await h.http().post("/api/v1/auth/register").send({ organizationName: `Second ${email}`, name: "Ann", email, password: STRONG_PASSWORD });
    expect(again.status).toBe(201);

    expect((await reconcile()).body.data).toEqual({ completed: 0, compensated: 0, suspended: 1, failed: 0 });
    expect(await statusOf(organizationId)).toBe("suspended");
    expect(await ownersOf(organizationId)).toEqual([]);
    const session = await login(email);
    expect(JSON.parse(Buffer.from(session.body.data.tokens.accessToken.split(".")[1], "base64url").toString()).org).toBe(again.body.data.organization.id);
  });

  it("removes what a registration that died before activation left: a pending organization, or nothing at all", async () => {
    const pendingId = uuidv7();
    await fetch(`${tenant.url}/internal/organizations`, {
      method: "POST",
      headers: { authorization: `Bearer ${INTERNAL_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ id: pendingId, name: `Pending ${uniqueEmail()}` }),
    });
    for (const organizationId of [pendingId, uuidv7()]) {
      await h.sql.query("insert into auth.registrations (organization_id, user_id, email, name, password_hash) values ($1, $2, $3, 'C', 'x')", [
        organizationId,
        uuidv7(),
        uniqueEmail(),
      ]);
    }
    expect((await reconcile()).body.data).toEqual({ completed: 0, compensated: 2, suspended: 0, failed: 0 });
    expect(await statusOf(pendingId)).toBeUndefined();
    expect((await h.sql.query("select 1 from auth.registrations")).rows).toEqual([]);
  });

  it("requires the internal API key", async () => {
    expect((await h.http().post("/internal/registrations/reconcile").send({})).status).toBe(401);
  });

  it("every running instance settles such registrations by itself, unasked", async () => {
    const { email, organizationId } = await registerLosingActivation(`Unasked ${uniqueEmail()}`);
    const healer = await startAuth({
      tenantUrl: proxy.url,
      databaseUrl: h.databaseUrl,
      env: { REGISTRATION_RECONCILE_INTERVAL_MS: "50", REGISTRATION_RECONCILE_AFTER_MS: "1" },
    });
    try {
      const deadline = Date.now() + 10_000;
      while ((await h.sql.query("select 1 from auth.registrations where organization_id = $1", [organizationId])).rows.length > 0) {
        if (Date.now() > deadline) throw new Error("the registration was not settled within 10 s");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await login(email)).status).toBe(200);
    } finally {
      await healer.close();
    }
  });
});
