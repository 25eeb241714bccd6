/**
 * A deactivated member's sessions end even when the users service cannot reach auth: the real
 * users service (whose AUTH_URL leads nowhere, so its direct call to revoke fails) and the real
 * auth service on one database and its event log; auth consumes `user.membership.deactivated`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { startServer as startUsers } from "@erp/user";
import type { StartedServer } from "@erp/http-kit";
import { createTestDatabase, testConfigEnv, waitFor } from "@erp/testkit";
import pg from "pg";
import { authEnv, registerUser, startFakeTenant, STRONG_PASSWORD, type FakeTenant } from "../../test/harness";
import { startServer } from "../server";

let tenant: FakeTenant;
let users: StartedServer;
let auth: StartedServer;
let sql: pg.Client;
const http = () => request(auth.url);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  const databaseUrl = await createTestDatabase();
  tenant = await startFakeTenant();
  const authPort = await freePort();
  users = await startUsers(
    testConfigEnv({
      DATABASE_URL: databaseUrl,
      // Nothing listens there: the users service's call to revoke the sessions fails.
      AUTH_URL: "http://127.0.0.1:9",
      AUTH_JWKS_URL: `http://127.0.0.1:${authPort}/api/v1/auth/.well-known/jwks.json`,
    }),
    { port: 0 },
  );
  auth = await startServer(authEnv(databaseUrl, tenant.url, users.url), { port: authPort });
  sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await auth?.close();
  await users?.close();
  await tenant?.close();
});

async function login(email: string, organizationId: string) {
  const res = await http().post("/api/v1/auth/login").send({ email, password: STRONG_PASSWORD, organizationId });
  expect(res.status).toBe(200);
  return res.body.data.tokens as { accessToken: string; refreshToken: string };
}

const INTERNAL = `Bearer ${testConfigEnv().INTERNAL_API_KEY}`;

/** Makes the user a member of the organization: the users service's membership step, then the member role by SQL. */
async function addMember(userId: string, organizationId: string): Promise<void> {
  const res = await request(users.url).post(`/internal/organizations/${organizationId}/owner`).set("Authorization", INTERNAL).send({ userId, email: `${userId}@example.com`, name: "Member" });
  expect(res.status).toBe(201);
  await sql.query("DELETE FROM users.membership_roles WHERE user_id = $1 AND organization_id = $2", [userId, organizationId]);
  await sql.query(
    "INSERT INTO users.membership_roles (organization_id, user_id, role_id) SELECT organization_id, $1, id FROM users.roles WHERE organization_id = $2 AND name = 'member'",
    [userId, organizationId],
  );
}

const me = (accessToken: string) => http().get("/api/v1/auth/me").set("Authorization", `Bearer ${accessToken}`);

const revocations = async (userId: string) =>
  (await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM auth.outbox WHERE event_type = 'auth.session.revoked' AND envelope->'data'->>'userId' = $1", [userId]))
    .rows[0]!.n;

it("with the users service's call to auth failing, the member's sessions in that organization still end, once", async () => {
  const owner = await registerUser(http);
  const member = await registerUser(http);
  await addMember(member.userId, owner.organizationId);
  const session = await login(member.email, owner.organizationId);
  expect((await me(session.accessToken)).status).toBe(200);

  const deactivated = await request(users.url)
    .post(`/api/v1/users/members/${member.userId}/deactivate`)
    .set("Authorization", `Bearer ${owner.accessToken}`);
  expect(deactivated.status).toBe(200);

  await waitFor(
    async () => {
      const res = await me(session.accessToken);
      return res.status === 401 && res.body.error.code === "SESSION_REVOKED";
    },
    { timeoutMs: 10_000, intervalMs: 50, what: "the deactivated member's access token refused (401 SESSION_REVOKED)" },
  );
  const refresh = await http().post("/api/v1/auth/refresh").send({ refreshToken: session.refreshToken });
  expect(refresh.status).toBe(401);
  // Their session in their own organization, and the owner's, are untouched.
  expect((await me(member.accessToken)).status).toBe(200);
  expect((await me(owner.accessToken)).status).toBe(200);

  // The direct call arriving late finds nothing left to revoke or announce: one revocation event.
  const late = await http()
    .post(`/internal/users/${member.userId}/sessions/revoke`)
    .set("Authorization", INTERNAL)
    .send({ organizationId: owner.organizationId });
  expect(late.status).toBe(200);
  expect(late.body.data).toEqual({ revokedSessions: 0 });
  expect(await revocations(member.userId)).toBe(1);
}, 30_000);

it("concurrent revocations (the users service's call racing the event) revoke and announce a session once", async () => {
  const owner = await registerUser(http);
  const member = await registerUser(http);
  await addMember(member.userId, owner.organizationId);
  const session = await login(member.email, owner.organizationId);
  expect((await me(session.accessToken)).status).toBe(200);

  const calls = await Promise.all(
    Array.from({ length: 8 }, () =>
      http().post(`/internal/users/${member.userId}/sessions/revoke`).set("Authorization", INTERNAL).send({ organizationId: owner.organizationId }),
    ),
  );
  expect(calls.map((res) => res.status)).toEqual(Array(8).fill(200));
  expect(calls.reduce((sum, res) => sum + res.body.data.revokedSessions, 0)).toBe(1);
  expect(await revocations(member.userId)).toBe(1);
  expect((await me(session.accessToken)).body.error.code).toBe("SESSION_REVOKED");
}, 30_000);
