/**
 * Test harness: the real auth and users services on one test database, booted as in production
 * by @erp/testkit's startServiceSystem (HTTP, events, background work), in front of a tenant
 * service (a small fake by default, so tests can make it fail; the real one where a test needs it).
 * What stays here is auth's own: the fake tenant's registration answers, auth's test variables,
 * and helpers that set memberships up.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import request from "supertest";
import { startFakeUpstream, startServiceSystem, testConfigEnv, type SystemServer } from "@erp/testkit";
import { startServer as startUsers } from "@erp/user";
import { generateKeyEncryptionKey } from "../src/modules/signing-keys/key-encryption";
import { authService } from "../src/service";

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

/** The three internal tenant calls registration makes, with the real service's answers. */
export async function startFakeTenant(): Promise<FakeTenant> {
  const organizations: FakeTenant["organizations"] = new Map();
  const calls: string[] = [];
  const failOn: FakeTenant["failOn"] = new Set();
  const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const upstream = await startFakeUpstream(({ method, url, headers, body }) => {
    if (headers.authorization !== `Bearer ${INTERNAL_KEY}`) return { status: 401, body: { error: { code: "UNAUTHENTICATED" } } };
    const [, , , id, action] = url.split("/"); // /internal/organizations/{id}/{action}
    const step = method === "POST" && !id ? "create" : method === "DELETE" ? "delete" : action === "activate" ? "activate" : "other";
    calls.push(step);
    if (failOn.has(step as "create")) return { status: 500, body: { error: { code: "INTERNAL", message: "boom" } } };
    if (step === "create") {
      const org = { id: String(body.id), name: String(body.name), status: "pending" as const };
      organizations.set(org.id, org);
      return { status: 201, body: { data: { ...org, slug: slug(org.name) } } };
    }
    const org = organizations.get(id ?? "");
    if (!org) return { status: 404, body: { error: { code: "NOT_FOUND", message: "Organization not found" } } };
    if (step === "activate") {
      org.status = "active";
      return { status: 200, body: { data: { ...org, slug: slug(org.name) } } };
    }
    if (step === "delete") {
      organizations.delete(org.id);
      return { status: 204 };
    }
    return { status: 404 };
  });
  return { url: upstream.url, organizations, calls, failOn, close: upstream.close };
}

export interface AuthHarness {
  auth: SystemServer;
  users: SystemServer;
  databaseUrl: string;
  /** Superuser connection (bypasses RLS) to look at what was written. */
  sql: pg.Pool;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** Auth's test variables (its database, tenant and users, fast hashing, this file's key-encryption key) over testConfigEnv. */
export function authEnv(databaseUrl: string, tenantUrl: string, usersUrl: string, overrides: Record<string, string> = {}) {
  return testConfigEnv({ DATABASE_URL: databaseUrl, TENANT_URL: tenantUrl, USER_URL: usersUrl, ...authVariables, ...overrides });
}

const authVariables = {
  TENANT_TIMEOUT_MS: "2000",
  BCRYPT_ROUNDS: "10",
  SIGNING_KEY_ENCRYPTION_KEY: TEST_SIGNING_KEY_ENCRYPTION_KEY,
  // The Redis limiter path is exercised by running the suite with REDIS_URL set.
  REDIS_URL: process.env.REDIS_URL,
};

/**
 * Starts users, then auth (each knowing the other's URL) on `databaseUrl` (default a fresh test
 * database; give one to restart on the same data), auth with `env` over its test variables.
 */
export async function startAuth(options: { tenantUrl: string; databaseUrl?: string; env?: Record<string, string> }): Promise<AuthHarness> {
  const system = await startServiceSystem({
    connectionString: options.databaseUrl,
    upstreams: { tenant: options.tenantUrl },
    services: [
      { name: "user", start: startUsers },
      { name: "auth", descriptor: authService, env: { ...authVariables, ...options.env } },
    ],
  });
  return {
    auth: system.servers.auth!,
    users: system.servers.user!,
    databaseUrl: system.connectionString,
    sql: system.owner,
    http: () => request(system.urls.auth!),
    close: () => system.close(),
  };
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
