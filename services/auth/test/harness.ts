/**
 * Test harness: the real auth service on a fresh test database, in front of a tenant service
 * (a small fake by default, so tests can make it fail; the real one where a test needs it) and
 * the real users service on the same database.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import request from "supertest";
import { createTestDatabase, testConfigEnv } from "@erp/testkit";
import { startServer as startUsers } from "@erp/user";
import type { StartedServer } from "@erp/http-kit";
import { generateKeyEncryptionKey } from "../src/modules/signing-keys/key-encryption";
import { startServer } from "../src/server";

export interface FakeTenant {
  url: string;
  organizations: Map<string, { id: string; name: string; status: "pending" | "active" }>;
  calls: string[];
  /** Make the next calls of this step answer 500. */
  failOn: Set<"create" | "activate" | "delete">;
  close(): Promise<void>;
}

const INTERNAL_KEY = testConfigEnv().INTERNAL_API_KEY;

/** The key-encryption key of this test file's auth instances (tests that rotate it pass their own). */
export const TEST_SIGNING_KEY_ENCRYPTION_KEY = generateKeyEncryptionKey();

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body?: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** The three internal tenant calls registration makes, with the real service's answers. */
export async function startFakeTenant(): Promise<FakeTenant> {
  const organizations: FakeTenant["organizations"] = new Map();
  const calls: string[] = [];
  const failOn: FakeTenant["failOn"] = new Set();
  const server = createServer(async (req, res) => {
    if (req.headers.authorization !== `Bearer ${INTERNAL_KEY}`) return send(res, 401, { error: { code: "UNAUTHENTICATED" } });
    const body = await readJson(req);
    const [, , , id, action] = (req.url ?? "").split("/"); // /internal/organizations/{id}/{action}
    const step = req.method === "POST" && !id ? "create" : req.method === "DELETE" ? "delete" : action === "activate" ? "activate" : "other";
    calls.push(step);
    if (failOn.has(step as "create")) return send(res, 500, { error: { code: "INTERNAL", message: "boom" } });
    const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    if (step === "create") {
      const org = { id: String(body.id), name: String(body.name), status: "pending" as const };
      organizations.set(org.id, org);
      return send(res, 201, { data: { ...org, slug: slug(org.name) } });
    }
    const org = organizations.get(id ?? "");
    if (!org) return send(res, 404, { error: { code: "NOT_FOUND", message: "Organization not found" } });
    if (step === "activate") {
      org.status = "active";
      return send(res, 200, { data: { ...org, slug: slug(org.name) } });
    }
    if (step === "delete") {
      organizations.delete(org.id);
      return send(res, 204);
    }
    return send(res, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    organizations,
    calls,
    failOn,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface AuthHarness {
  auth: StartedServer;
  users: StartedServer;
  databaseUrl: string;
  /** Superuser connection (bypasses RLS) to look at what was written. */
  sql: pg.Client;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

export function authEnv(databaseUrl: string, tenantUrl: string, usersUrl: string, overrides: Record<string, string> = {}) {
  return testConfigEnv({
    DATABASE_URL: databaseUrl,
    TENANT_URL: tenantUrl,
    USER_URL: usersUrl,
    TENANT_TIMEOUT_MS: "2000",
    BCRYPT_ROUNDS: "10",
    SIGNING_KEY_ENCRYPTION_KEY: TEST_SIGNING_KEY_ENCRYPTION_KEY,
    // The Redis limiter path is exercised by running the suite with REDIS_URL set.
    REDIS_URL: process.env.REDIS_URL,
    ...overrides,
  });
}

export async function startAuth(options: {
  tenantUrl: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}): Promise<AuthHarness> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  // users and auth call each other: auth's port is picked first and handed to users.
  const authPort = await freePort();
  const users = await startUsers(testConfigEnv({ DATABASE_URL: databaseUrl, AUTH_URL: `http://127.0.0.1:${authPort}` }), { port: 0 });
  const auth = await startServer(authEnv(databaseUrl, options.tenantUrl, users.url, options.env), { port: authPort }).catch(async (err: unknown) => {
    await users.close();
    throw err;
  });
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  return {
    auth,
    users,
    databaseUrl,
    sql,
    http: () => request(auth.url),
    async close() {
      await sql.end();
      await auth.close();
      await users.close();
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Makes the user a member of the organization with these built-in roles, through the users
 * service's registration step (which creates the organization's roles), then SQL for the rest.
 */
export async function addMembership(h: AuthHarness, userId: string, organizationId: string, roles: string[]) {
  const res = await request(h.users.url)
    .post(`/internal/organizations/${organizationId}/owner`)
    .set("authorization", `Bearer ${INTERNAL_KEY}`)
    .send({ userId, email: `${userId}@example.com`, name: "Member" });
  if (res.status >= 300) throw new Error(`owner step failed: ${res.status} ${JSON.stringify(res.body)}`);
  await setRoles(h, userId, organizationId, roles);
}

/** Replaces the member's roles (built-in names) directly in the users schema. */
export async function setRoles(h: AuthHarness, userId: string, organizationId: string, roles: string[]) {
  await h.sql.query("delete from users.membership_roles where user_id = $1 and organization_id = $2", [userId, organizationId]);
  await h.sql.query(
    `insert into users.membership_roles (organization_id, user_id, role_id)
     select organization_id, $1, id from users.roles where organization_id = $2 and name = any($3)`,
    [userId, organizationId, roles],
  );
}

export async function setMembershipStatus(h: AuthHarness, userId: string, status: "active" | "deactivated") {
  await h.sql.query("update users.memberships set status = $2 where user_id = $1", [userId, status]);
}

/** A unique email per test, so tests never collide (also in a shared Redis). */
export const uniqueEmail = (prefix = "user") => `${prefix}-${randomUUID()}@example.com`;

/** A unique client address per test, sent as X-Forwarded-For (the service trusts loopback). */
export const uniqueIp = () => `10.${randomBytes(3).join(".")}`;

export const STRONG_PASSWORD = "correct horse battery";

export async function registerUser(http: AuthHarness["http"], overrides: Record<string, string> = {}) {
  const body = {
    organizationName: "Acme Ltd",
    name: "Ada Lovelace",
    email: uniqueEmail(),
    password: STRONG_PASSWORD,
    ...overrides,
  };
  const res = await http().post("/api/v1/auth/register").send(body);
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    email: body.email,
    password: body.password,
    organizationId: res.body.data.organization.id as string,
    userId: res.body.data.userId as string,
    accessToken: res.body.data.tokens.accessToken as string,
    refreshToken: res.body.data.tokens.refreshToken as string,
  };
}
