import { builtInRolePermissions } from "@erp/permissions";
import { dropTestDatabases } from "@erp/testkit";
import { registerUser, startAuth, startFakeTenant, STRONG_PASSWORD, uniqueEmail, type AuthHarness, type FakeTenant } from "../../../test/harness";

let tenant: FakeTenant;
let h: AuthHarness;

beforeAll(async () => {
  tenant = await startFakeTenant();
  h = await startAuth({ tenantUrl: tenant.url });
});

afterAll(async () => {
  await h.close();
  await tenant.close();
  await dropTestDatabases();
});

beforeEach(() => {
  tenant.failOn.clear();
  tenant.calls.length = 0;
});

const count = async (table: string, where = "true", params: unknown[] = []) =>
  Number((await h.sql.query(`select count(*) from auth.${table} where ${where}`, params)).rows[0].count);

const pendingOrganizations = () => [...tenant.organizations.values()].filter((o) => o.status === "pending");

const body = (overrides: Record<string, string> = {}) => ({
  organizationName: "Acme Ltd",
  name: "Ada Lovelace",
  email: uniqueEmail(),
  password: STRONG_PASSWORD,
  ...overrides,
});

describe("POST /api/v1/auth/register", () => {
  it("creates an active organization, its owner and a first token pair (201 + Location)", async () => {
    const input = body({ email: `Ada.${uniqueEmail()}` });
    const res = await h.http().post("/api/v1/auth/register").send(input);

    expect(res.status).toBe(201);
    expect(res.headers.location).toBe("/api/v1/auth/me");
    const { organization, userId, organizationId, tokens } = res.body.data;
    expect(Object.keys(res.body.data).sort()).toEqual(["organization", "organizationId", "tokens", "userId"]);
    expect(organization).toMatchObject({ id: organizationId, name: "Acme Ltd", status: "active" });
    const user = { id: userId as string, email: input.email.toLowerCase(), name: "Ada Lovelace" };
    expect(tokens).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[0-9a-f-]{36}\.[\w-]{43}$/),
      expiresIn: 900,
      tokenType: "Bearer",
    });
    expect(tenant.organizations.get(organization.id)?.status).toBe("active");
    expect(tenant.calls).toEqual(["create", "activate"]);

    const membership = await h.sql.query(
      `select m.organization_id, m.status, array_agg(r.name) as roles from users.memberships m
       join users.membership_roles mr using (organization_id, user_id) join users.roles r on r.id = mr.role_id
       where m.user_id = $1 group by 1, 2`,
      [user.id],
    );
    expect(membership.rows).toEqual([{ organization_id: organization.id, roles: ["owner"], status: "active" }]);
    const roles = await h.sql.query("select name from users.roles where organization_id = $1 and built_in order by name", [organization.id]);
    expect(roles.rows.map((r) => r.name)).toEqual(["admin", "member", "owner", "viewer"]);
    const stored = await h.sql.query("select password_hash from auth.users where id = $1", [user.id]);
    expect(stored.rows[0].password_hash).toMatch(/^\$2[ab]\$10\$/);
    const events = await h.sql.query("select event_type, organization_id, envelope from auth.outbox where aggregate_id = $1", [user.id]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({ event_type: "auth.user.registered", organization_id: organization.id });
    expect(events.rows[0].envelope.data).toEqual({ userId: user.id, email: user.email, name: user.name, roles: ["owner"] });
    expect(JSON.stringify(events.rows[0].envelope)).not.toContain(STRONG_PASSWORD);

    const me = await h.http().get("/api/v1/auth/me").set("authorization", `Bearer ${tokens.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ userId, email: user.email, organizationId: organization.id, roles: ["owner"], permissions: builtInRolePermissions("owner") });
  });

  it("when the email is already registered (in any letter case), answers 409 and creates nothing in tenant", async () => {
    const first = await registerUser(h.http);
    tenant.calls.length = 0;
    const res = await h.http().post("/api/v1/auth/register").send(body({ email: first.email.toUpperCase() }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("EMAIL_ALREADY_REGISTERED");
    expect(tenant.calls).toEqual([]);
  });

  it("when two registrations race for one email, the loser gets 409 and its organization is removed", async () => {
    const email = uniqueEmail();
    const results = await Promise.all([1, 2].map(() => h.http().post("/api/v1/auth/register").send(body({ email }))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await count("users", "email = $1", [email])).toBe(1);
    expect(pendingOrganizations()).toEqual([]);
  });

  it.each([
    ["too short", "short1234", "Must be at least 10 characters"],
    ["too long", "x".repeat(120) + "y".repeat(9), "Must be at most 128 characters"],
    ["one repeated character", "aaaaaaaaaaaa", "Must not be a single repeated character"],
  ])("refuses a password that is %s with 400 details and writes nothing", async (_case, password, message) => {
    const input = body({ password });
    const res = await h.http().post("/api/v1/auth/register").send(input);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual([{ path: "password", message }]);
    expect(JSON.stringify(res.body)).not.toContain(password);
    expect(await count("users", "email = $1", [input.email])).toBe(0);
    expect(tenant.calls).toEqual([]);
  });

  it("refuses unknown fields, a bad email and missing fields with 400 details", async () => {
    const res = await h.http().post("/api/v1/auth/register").send({ ...body({ email: "not-an-email" }), role: "owner", name: undefined });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["email", "name", "role"]);
    const unknown = await h.http().post("/api/v1/auth/register").send({ ...body(), role: "owner" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: "role", message: "Unknown field" }]);
  });

  it("when activation fails, rolls everything back: no organization left in tenant, no user, no event", async () => {
    tenant.failOn.add("activate");
    const input = body();
    const res = await h.http().post("/api/v1/auth/register").send(input);

    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe("UPSTREAM_ERROR");
    expect(tenant.calls).toEqual(["create", "activate", "delete"]);
    expect(pendingOrganizations()).toEqual([]);
    expect(await count("users", "email = $1", [input.email])).toBe(0);
    expect((await h.sql.query("select 1 from users.memberships where email = $1", [input.email.toLowerCase()])).rows).toEqual([]);
    // users' roles of the compensated organization went with it: every organization left has members.
    expect((await h.sql.query("select 1 from users.roles r where not exists (select 1 from users.memberships m where m.organization_id = r.organization_id)")).rows).toEqual([]);
    expect(await count("outbox", "envelope->'data'->>'email' = $1", [input.email])).toBe(0);
  });

  it("when tenant cannot create the organization, answers 502, still compensates and writes nothing", async () => {
    tenant.failOn.add("create");
    const input = body();
    const res = await h.http().post("/api/v1/auth/register").send(input);
    expect(res.status).toBe(502);
    expect(tenant.calls).toEqual(["create", "delete"]);
    expect(await count("users", "email = $1", [input.email])).toBe(0);
  });

  it("when tenant is unreachable, answers 503 UPSTREAM_UNAVAILABLE", async () => {
    const down = await startAuth({ tenantUrl: "http://127.0.0.1:1", databaseUrl: h.databaseUrl });
    try {
      const res = await down.http().post("/api/v1/auth/register").send(body());
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("UPSTREAM_UNAVAILABLE");
    } finally {
      await down.close();
    }
  });
});
