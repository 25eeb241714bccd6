/**
 * End to end through the gateway with the real tenant, auth and users services on one test
 * database: the identity lifecycle, organization isolation, token attacks, the module gate, bad
 * input, and a team: invitation, roles enforced in every service, deactivation.
 */
import { randomBytes, randomUUID } from "node:crypto";
import request from "supertest";
import { createTestDatabase } from "@erp/testkit";
import { startServer as startAuth } from "@erp/auth";
import { startServer as startTenant } from "@erp/tenant";
import { startServer as startUsers } from "@erp/user";
import type { RunningServer } from "../src/server";
import { INTERNAL_API_KEY, startGateway, unusedUrl } from "./helpers";

type Running = { url: string; close(): Promise<void> };

let tenant: Running;
let auth: Running;
let users: Running;
let gateway: RunningServer;
let api: () => ReturnType<typeof request>;

const password = "correct horse battery staple";

beforeAll(async () => {
  const common = {
    NODE_ENV: "test",
    LOG_LEVEL: "error",
    LOG_FORMAT: "json",
    INTERNAL_API_KEY,
    DATABASE_URL: await createTestDatabase(),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  };
  // tenant and users call auth and auth calls them: auth's port is picked first and handed to them.
  const authUrl = await unusedUrl();
  const authJwksUrl = `${authUrl}/api/v1/auth/.well-known/jwks.json`;
  tenant = await startTenant({ ...common, AUTH_URL: authUrl, AUTH_JWKS_URL: authJwksUrl }, { port: 0 });
  users = await startUsers({ ...common, AUTH_URL: authUrl }, { port: 0 });
  auth = await startAuth(
    {
      ...common,
      TENANT_URL: tenant.url,
      USER_URL: users.url,
      BCRYPT_ROUNDS: "10",
      SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    },
    { port: Number(new URL(authUrl).port) },
  );
  gateway = await startGateway({
    ...common,
    TENANT_URL: tenant.url,
    AUTH_URL: auth.url,
    USER_URL: users.url,
    AUTH_JWKS_URL: authJwksUrl,
    // A module service that is not running: the gate's verdict is visible as 403 versus 503.
    MASTER_DATA_URL: await unusedUrl(),
  });
  api = () => request(gateway.url);
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await auth?.close();
  await users?.close();
  await tenant?.close();
});

const bearer = (token: string) => `Bearer ${token}`;

async function register(organizationName: string) {
  const email = `${randomUUID()}@example.com`;
  const res = await api().post("/api/v1/auth/register").send({ organizationName, name: "Owner", email, password });
  expect(res.status).toBe(201);
  return { email, ...(res.body.data as { organization: { id: string }; userId: string; organizationId: string; tokens: Tokens }) };
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

async function login(email: string): Promise<Tokens> {
  const res = await api().post("/api/v1/auth/login").send({ email, password });
  expect(res.status).toBe(200);
  return res.body.data.tokens;
}

/** The API.md error shape with the response's request id; `code` when the test cares which one. */
function expectError(res: request.Response, status: number, code?: string): void {
  expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code: code ?? expect.any(String) });
  expect(res.body.error.requestId).toBe(res.headers["x-request-id"]);
}

describe("through the gateway with the real tenant and auth services", () => {
  let first: Awaited<ReturnType<typeof register>>;

  beforeAll(async () => {
    first = await register("Acme Trading");
  });

  it("registers, logs in, refreshes with rotation and reuse detection, and logs out", async () => {
    const session = await login(first.email);

    const me = await api().get("/api/v1/auth/me").set("Authorization", bearer(session.accessToken));
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ userId: first.userId, email: first.email, organizationId: first.organization.id });

    const current = await api().get("/api/v1/tenant/organizations/current").set("Authorization", bearer(session.accessToken));
    expect(current.status).toBe(200);
    expect(current.body.data).toMatchObject({ id: first.organization.id, name: "Acme Trading", status: "active" });

    const renamed = await api()
      .patch("/api/v1/tenant/organizations/current")
      .set("Authorization", bearer(session.accessToken))
      .send({ name: "Acme Trading GmbH" });
    expect(renamed.status).toBe(200);
    const reread = await api().get("/api/v1/tenant/organizations/current").set("Authorization", bearer(session.accessToken));
    expect(reread.body.data.name).toBe("Acme Trading GmbH");

    const refreshed = await api().post("/api/v1/auth/refresh").send({ refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    const newest: Tokens = refreshed.body.data.tokens;
    expect(newest.refreshToken).not.toBe(session.refreshToken);

    // Reusing a rotated token means it leaked: the whole family is revoked, the newest token too.
    expectError(await api().post("/api/v1/auth/refresh").send({ refreshToken: session.refreshToken }), 401);
    expectError(await api().post("/api/v1/auth/refresh").send({ refreshToken: newest.refreshToken }), 401);

    const again = await login(first.email);
    const logout = await api()
      .post("/api/v1/auth/logout")
      .set("Authorization", bearer(again.accessToken))
      .send({ refreshToken: again.refreshToken });
    expect(logout.status).toBe(204);
    expectError(await api().post("/api/v1/auth/refresh").send({ refreshToken: again.refreshToken }), 401);
  });

  it("answers 404 when another organization reads the first one's records", async () => {
    const second = await register("Globex");
    const res = await api()
      .get(`/api/v1/tenant/organizations/${first.organization.id}`)
      .set("Authorization", bearer(second.tokens.accessToken));
    expectError(res, 404, "NOT_FOUND");
    const own = await api()
      .get(`/api/v1/tenant/organizations/${second.organization.id}`)
      .set("Authorization", bearer(second.tokens.accessToken));
    expect(own.status).toBe(200);
  });

  it("refuses a tampered, an alg:none and an expired token with 401", async () => {
    const { accessToken } = await login(first.email);
    const [, payload, signature] = accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const escalated = Buffer.from(JSON.stringify({ ...claims, roles: ["owner", "admin"] })).toString("base64url");
    const header = accessToken.split(".")[0];
    const tampered = `${header}.${escalated}.${signature}`;
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${payload}.`;
    for (const token of [tampered, none]) {
      expectError(await api().get("/api/v1/tenant/organizations/current").set("Authorization", bearer(token)), 401, "UNAUTHENTICATED");
    }

    // Expiry without waiting: move every clock in this process past the token's exp.
    const now = Date.now();
    const clock = jest.spyOn(Date, "now").mockReturnValue(now + (claims.exp - claims.iat + 60) * 1000);
    try {
      const res = await api().get("/api/v1/tenant/organizations/current").set("Authorization", bearer(accessToken));
      expectError(res, 401, "TOKEN_EXPIRED");
    } finally {
      clock.mockRestore();
    }
  });

  it("refuses a module the organization switched off with 403 MODULE_DISABLED", async () => {
    const { organization, tokens } = await register("Initech");
    const auth = bearer(tokens.accessToken);
    // Enabled: the gate lets it through to master-data, which is not running here.
    expectError(await api().get("/api/v1/master-data/anything").set("Authorization", auth), 503, "UPSTREAM_UNAVAILABLE");

    const off = await api().put("/api/v1/tenant/modules/master-data").set("Authorization", auth).send({ enabled: false });
    expect(off.status).toBe(200);
    // The gateway forgot the cached modules when the write went through it: refused at once.
    expectError(await api().get("/api/v1/master-data/anything").set("Authorization", auth), 403, "MODULE_DISABLED");
    // A module outside the plan is refused the same way.
    expectError(await api().get("/api/v1/crm/leads").set("Authorization", auth), 403, "MODULE_DISABLED");
    expect(organization.id).toBeTruthy();
  });

  it("answers 400 with details for bad input and writes nothing", async () => {
    const email = `${randomUUID()}@example.com`;
    const weak = await api().post("/api/v1/auth/register").send({ organizationName: "Short", name: "Owner", email, password: "short" });
    expectError(weak, 400, "VALIDATION_FAILED");
    expect(weak.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "password" })]));
    expectError(await api().post("/api/v1/auth/login").send({ email, password: "short" }), 401, "INVALID_CREDENTIALS");

    const { accessToken } = await login(first.email);
    const before = (await api().get("/api/v1/tenant/organizations/current").set("Authorization", bearer(accessToken))).body.data;
    const unknown = await api()
      .patch("/api/v1/tenant/organizations/current")
      .set("Authorization", bearer(accessToken))
      .send({ name: "Renamed", status: "suspended" });
    expectError(unknown, 400, "VALIDATION_FAILED");
    expect(unknown.body.error.details.length).toBeGreaterThan(0);
    const after = (await api().get("/api/v1/tenant/organizations/current").set("Authorization", bearer(accessToken))).body.data;
    expect(after).toEqual(before);
  });
});

describe("a team through the gateway: invitations, roles in every service, deactivation", () => {
  const as = (token: string) => ({
    get: (path: string) => api().get(path).set("Authorization", bearer(token)),
    send: (method: "post" | "put" | "patch", path: string, body: object = {}) => api()[method](path).set("Authorization", bearer(token)).send(body),
  });

  it("an invited member joins with a password, works, cannot administer, and loses access when deactivated", async () => {
    const owner = await register("Team Co");
    const email = `${randomUUID()}@example.com`;
    const invited = await as(owner.tokens.accessToken).send("post", "/api/v1/users/invitations", { email, roles: ["member"] });
    expect(invited.status).toBe(201);

    const accepted = await api()
      .post("/api/v1/auth/invitations/accept")
      .send({ token: invited.body.data.token, name: "New Member", password });
    expect(accepted.status).toBe(200);
    // Single use: the same token again is refused.
    expectError(await api().post("/api/v1/auth/invitations/accept").send({ token: invited.body.data.token, name: "X", password }), 404);

    const member = await login(email);
    const me = await as(member.accessToken).get("/api/v1/users/me");
    expect(me.body.data).toMatchObject({ email, name: "New Member", status: "active", roles: [{ name: "member" }] });
    expect((await as(member.accessToken).get("/api/v1/tenant/organizations/current")).status).toBe(200);
    expect((await as(member.accessToken).get("/api/v1/users/members")).body.data).toHaveLength(2);

    // Administering is refused in every service.
    expectError(await as(member.accessToken).send("patch", "/api/v1/tenant/organizations/current", { name: "Mine" }), 403, "FORBIDDEN");
    expectError(await as(member.accessToken).send("post", "/api/v1/users/roles", { name: "rogue" }), 403, "FORBIDDEN");
    expectError(await as(member.accessToken).send("post", "/api/v1/users/invitations", { email: "a@example.com", roles: ["admin"] }), 403);

    const deactivated = await as(owner.tokens.accessToken).send("post", `/api/v1/users/members/${me.body.data.userId}/deactivate`);
    expect(deactivated.status).toBe(200);
    expectError(await api().post("/api/v1/auth/refresh").send({ refreshToken: member.refreshToken }), 401, "INVALID_REFRESH_TOKEN");
    expectError(await api().post("/api/v1/auth/login").send({ email, password }), 401, "INVALID_CREDENTIALS");
  });

  it("a viewer reads and is refused every write it tries (403), in tenant and users", async () => {
    const owner = await register("Viewers Inc");
    const email = `${randomUUID()}@example.com`;
    const { token } = (await as(owner.tokens.accessToken).send("post", "/api/v1/users/invitations", { email, roles: ["viewer"] })).body.data;
    const viewer: Tokens = (await api().post("/api/v1/auth/invitations/accept").send({ token, name: "Vera", password })).body.data.tokens;
    expect((await as(viewer.accessToken).get("/api/v1/tenant/settings")).status).toBe(200);
    expect((await as(viewer.accessToken).get("/api/v1/users/roles")).status).toBe(200);
    expectError(await as(viewer.accessToken).send("patch", "/api/v1/tenant/settings", { allowNegativeStock: true }), 403);
    expectError(await as(viewer.accessToken).send("patch", "/api/v1/users/me", { jobTitle: "Boss" }), 403);
    expectError(await as(viewer.accessToken).send("post", "/api/v1/users/departments", { name: "Mine" }), 403);
  });

  it("a role's new permission reaches its members at their next refresh", async () => {
    const owner = await register("Roles Ltd");
    const role = await as(owner.tokens.accessToken).send("post", "/api/v1/users/roles", { name: "settings-keeper", permissions: ["tenant.settings.read"] });
    const email = `${randomUUID()}@example.com`;
    const { token } = (await as(owner.tokens.accessToken).send("post", "/api/v1/users/invitations", { email, roles: ["settings-keeper"] })).body.data;
    const keeper: Tokens = (await api().post("/api/v1/auth/invitations/accept").send({ token, name: "Kim", password })).body.data.tokens;
    expectError(await as(keeper.accessToken).send("patch", "/api/v1/tenant/settings", { allowNegativeStock: true }), 403);

    await as(owner.tokens.accessToken).send("put", `/api/v1/users/roles/${role.body.data.id}/permissions`, {
      permissions: ["tenant.settings.read", "tenant.settings.update"],
    });
    const refreshed: Tokens = (await api().post("/api/v1/auth/refresh").send({ refreshToken: keeper.refreshToken })).body.data.tokens;
    expect((await as(refreshed.accessToken).send("patch", "/api/v1/tenant/settings", { allowNegativeStock: true })).status).toBe(200);
  });

  it("answers 404 when one organization reads another's members and roles", async () => {
    const first = await register("First Users");
    const second = await register("Second Users");
    const theirRoles = (await as(first.tokens.accessToken).get("/api/v1/users/roles")).body.data as { id: string }[];
    expectError(await as(second.tokens.accessToken).get(`/api/v1/users/members/${first.userId}`), 404, "NOT_FOUND");
    expectError(await as(second.tokens.accessToken).get(`/api/v1/users/roles/${theirRoles[0]!.id}`), 404, "NOT_FOUND");
    expect((await as(second.tokens.accessToken).get(`/api/v1/users/members/${second.userId}`)).status).toBe(200);
  });
});

describe("a revoked session is refused everywhere within a second", () => {
  /**
   * Where a token is checked, and what each answers to a valid one. The gateway's own check is
   * seen on master-data's path: no master-data runs here, so a token the gateway lets through
   * gets 503, and only the gateway itself can answer 401. Tenant and users are asked directly.
   */
  const checkpoints = () => [
    { name: "gateway", accepted: 503, call: (token: string) => api().get("/api/v1/master-data/anything").set("Authorization", bearer(token)) },
    {
      name: "tenant",
      accepted: 200,
      call: (token: string) => request(tenant.url).get("/api/v1/tenant/organizations/current").set("Authorization", bearer(token)),
    },
    { name: "users", accepted: 200, call: (token: string) => request(users.url).get("/api/v1/users/me").set("Authorization", bearer(token)) },
  ];

  async function expectAccepted(token: string): Promise<void> {
    for (const { name, accepted, call } of checkpoints()) expect({ name, status: (await call(token)).status }).toEqual({ name, status: accepted });
  }

  /**
   * Polls (no sleep) until every checkpoint answers 401 SESSION_REVOKED for every token; fails
   * when that takes longer than `ms` from the call, which the test makes right after the revocation.
   */
  async function expectRefusedWithin(tokens: string[], ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    const pending = new Set(
      tokens.flatMap((token) => checkpoints().map(({ name, accepted, call }) => ({ name, accepted, check: () => call(token) }))),
    );
    for (;;) {
      for (const point of [...pending]) {
        const res = await point.check();
        if (res.status === 401) {
          expect(res.body.error.code).toBe("SESSION_REVOKED");
          pending.delete(point);
        } else {
          expect({ name: point.name, status: res.status }).toEqual({ name: point.name, status: point.accepted });
        }
      }
      if (pending.size === 0) return;
      if (Date.now() > deadline) throw new Error(`still accepted after ${ms} ms by: ${[...pending].map((p) => p.name).join(", ")}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it("after logout", async () => {
    const owner = await register("Logout Ltd");
    const session = await login(owner.email);
    await expectAccepted(session.accessToken);

    expect((await api().post("/api/v1/auth/logout").set("Authorization", bearer(session.accessToken))).status).toBe(204);
    await expectRefusedWithin([session.accessToken], 1_000);
    // The owner's other session is untouched.
    await expectAccepted(owner.tokens.accessToken);
  });

  it("after a reused refresh token revokes its family", async () => {
    const owner = await register("Reuse Ltd");
    const session = await login(owner.email);
    const rotated: Tokens = (await api().post("/api/v1/auth/refresh").send({ refreshToken: session.refreshToken })).body.data.tokens;
    await expectAccepted(session.accessToken);
    await expectAccepted(rotated.accessToken);

    expectError(await api().post("/api/v1/auth/refresh").send({ refreshToken: session.refreshToken }), 401, "INVALID_REFRESH_TOKEN");
    // Both the access token issued before the theft and the thief's newest are refused.
    await expectRefusedWithin([session.accessToken, rotated.accessToken], 1_000);
  });

  it("after the member is deactivated, every session of theirs in that organization", async () => {
    const owner = await register("Deactivation Ltd");
    const email = `${randomUUID()}@example.com`;
    const invited = await api()
      .post("/api/v1/users/invitations")
      .set("Authorization", bearer(owner.tokens.accessToken))
      .send({ email, roles: ["member"] });
    const joined: Tokens = (await api().post("/api/v1/auth/invitations/accept").send({ token: invited.body.data.token, name: "Mo", password })).body.data.tokens;
    const second = await login(email);
    await expectAccepted(joined.accessToken);
    await expectAccepted(second.accessToken);
    const memberId = (await api().get("/api/v1/users/me").set("Authorization", bearer(second.accessToken))).body.data.userId as string;

    const deactivated = await api().post(`/api/v1/users/members/${memberId}/deactivate`).set("Authorization", bearer(owner.tokens.accessToken));
    expect(deactivated.status).toBe(200);
    await expectRefusedWithin([joined.accessToken, second.accessToken], 1_000);
    await expectAccepted(owner.tokens.accessToken);
  });
});

describe("one shape for the same thing, in every service's API", () => {
  it("every answer that signs someone in is a session: userId, organizationId and the token pair under tokens", async () => {
    const owner = await register("Shapes Ltd");
    const sessionKeys = ["organizationId", "tokens", "userId"];
    const tokenKeys = ["accessToken", "expiresIn", "refreshToken", "tokenType"];
    expect(Object.keys(owner).filter((key) => key !== "email" && key !== "organization").sort()).toEqual(sessionKeys);

    const loggedIn = await api().post("/api/v1/auth/login").send({ email: owner.email, password });
    const refreshed = await api().post("/api/v1/auth/refresh").send({ refreshToken: loggedIn.body.data.tokens.refreshToken });
    const invited = await api()
      .post("/api/v1/users/invitations")
      .set("Authorization", bearer(owner.tokens.accessToken))
      .send({ email: `${randomUUID()}@example.com`, roles: ["member"] });
    const accepted = await api().post("/api/v1/auth/invitations/accept").send({ token: invited.body.data.token, name: "Sam", password });
    for (const res of [loggedIn, refreshed, accepted]) {
      expect(Object.keys(res.body.data).sort()).toEqual(sessionKeys);
      expect(Object.keys(res.body.data.tokens).sort()).toEqual(tokenKeys);
    }
    expect(loggedIn.body.data).toMatchObject({ userId: owner.userId, organizationId: owner.organizationId });

    // Both "me" endpoints name the caller the same way.
    const authMe = await api().get("/api/v1/auth/me").set("Authorization", bearer(owner.tokens.accessToken));
    const usersMe = await api().get("/api/v1/users/me").set("Authorization", bearer(owner.tokens.accessToken));
    expect(authMe.body.data.userId).toBe(owner.userId);
    expect(usersMe.body.data.userId).toBe(owner.userId);
  });

  it("no OpenAPI document names a user other than userId, or carries tokens outside a tokens object", async () => {
    const problems: string[] = [];
    for (const service of ["auth", "tenant", "users"]) {
      const res = await api().get(`/api/v1/${service}/openapi.json`);
      expect(res.status).toBe(200);
      problems.push(...shapeProblems(res.body, service));
    }
    expect(problems).toEqual([]);
  });
});

type JsonSchema = { $ref?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema } & Record<string, unknown>;

/**
 * The API's naming rules, checked over every request and response schema of an OpenAPI document:
 * a user is referred to as `userId` (never a `user` object or `user_id`), and the access and
 * refresh tokens only ever appear inside a `tokens` object.
 */
function shapeProblems(document: { paths: Record<string, Record<string, unknown>>; components?: { schemas?: Record<string, JsonSchema> } }, service: string): string[] {
  const problems: string[] = [];
  const resolve = (schema: JsonSchema): JsonSchema =>
    schema.$ref ? resolve(document.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")] ?? {}) : schema;
  const seen = new Set<JsonSchema>();
  const walk = (schema: JsonSchema | undefined, where: string, parentKey: string): void => {
    if (!schema || typeof schema !== "object") return;
    const resolved = resolve(schema);
    if (seen.has(resolved)) return;
    seen.add(resolved);
    for (const [key, property] of Object.entries(resolved.properties ?? {})) {
      if (key === "user" || key === "user_id") problems.push(`${service} ${where}: "${key}" (a user is named userId)`);
      if ((key === "accessToken" || key === "refreshToken") && parentKey !== "tokens" && !where.includes("requestBody")) {
        problems.push(`${service} ${where}: "${key}" outside a tokens object`);
      }
      walk(property, `${where}.${key}`, key);
    }
    walk(resolved.items, `${where}[]`, parentKey);
    for (const combinator of ["allOf", "anyOf", "oneOf"]) {
      for (const part of (resolved[combinator] as JsonSchema[] | undefined) ?? []) walk(part, where, parentKey);
    }
    seen.delete(resolved);
  };
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations as Record<string, Record<string, unknown>>)) {
      const where = `${method.toUpperCase()} ${path}`;
      const body = operation.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined;
      for (const media of Object.values(body?.content ?? {})) walk(media.schema, `${where} requestBody`, "");
      for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, { content?: Record<string, { schema?: JsonSchema }> }>)) {
        for (const media of Object.values(response.content ?? {})) walk(media.schema, `${where} ${status}`, "");
      }
    }
  }
  return problems;
}
