import request from "supertest";
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

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
const users = (token: string) => ({
  post: (path: string, body: object = {}) => request(h.users.url).post(`/api/v1/users${path}`).set("authorization", `Bearer ${token}`).send(body),
});
const accept = (body: object) => h.http().post("/api/v1/auth/invitations/accept").send(body);

async function invite(owner: { accessToken: string }, email: string, roles = ["member"]): Promise<string> {
  const res = await users(owner.accessToken).post("/invitations", { email, roles });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token;
}

describe("POST /api/v1/auth/invitations/accept", () => {
  it("creates the account of a new email and answers a session in the inviting organization", async () => {
    const owner = await registerUser(h.http);
    const email = uniqueEmail();
    const res = await accept({ token: await invite(owner, email), name: "Nina New", password: STRONG_PASSWORD });
    expect(res.status).toBe(200);
    expect(claimsOf(res.body.data.tokens.accessToken)).toMatchObject({ org: owner.organizationId, roles: ["member"] });
    const events = await h.sql.query("select event_type from auth.outbox where envelope->'data'->>'email' = $1", [email]);
    expect(events.rows).toEqual([{ event_type: "auth.user.registered" }]);
    expect((await h.http().post("/api/v1/auth/login").send({ email, password: STRONG_PASSWORD })).status).toBe(200);
  });

  it("an existing account must give its own password; a wrong one (401) leaves the invitation usable", async () => {
    const owner = await registerUser(h.http);
    const existing = await registerUser(h.http);
    const token = await invite(owner, existing.email, ["viewer"]);
    const wrong = await accept({ token, password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");

    const res = await accept({ token, password: existing.password });
    expect(res.status).toBe(200);
    expect(claimsOf(res.body.data.tokens.accessToken)).toMatchObject({ sub: existing.userId, org: owner.organizationId, roles: ["viewer"] });
    // The same session shape as login: who, where, and the tokens.
    expect(res.body.data).toMatchObject({ userId: existing.userId, organizationId: owner.organizationId, tokens: { tokenType: "Bearer" } });
    // Their own organization stays the default at login.
    const login = await h.http().post("/api/v1/auth/login").send({ email: existing.email, password: existing.password });
    expect(claimsOf(login.body.data.tokens.accessToken).org).toBe(existing.organizationId);
  });

  it("refuses a new account's weak password or missing name with 400, creating nothing", async () => {
    const owner = await registerUser(h.http);
    const email = uniqueEmail();
    const res = await accept({ token: await invite(owner, email), password: "short" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["name", "password"]);
    expect((await h.sql.query("select 1 from auth.users where email = $1", [email])).rows).toEqual([]);
  });

  it("answers 404 for an unknown token", async () => {
    expect((await accept({ token: "nope", name: "X", password: STRONG_PASSWORD })).status).toBe(404);
  });
});

describe("deactivation by the users service", () => {
  it("revokes the member's sessions in that organization at once (auth.session.revoked), and refresh answers 401", async () => {
    const owner = await registerUser(h.http);
    const email = uniqueEmail();
    const { userId, tokens: member } = (await accept({ token: await invite(owner, email), name: "Dee", password: STRONG_PASSWORD })).body.data;
    expect((await h.http().get("/api/v1/auth/me").set("authorization", `Bearer ${member.accessToken}`)).status).toBe(200);
    expect((await users(owner.accessToken).post(`/members/${userId}/deactivate`)).status).toBe(200);

    const row = await h.sql.query("select revoked_reason, family_id from auth.refresh_tokens where id = $1", [member.refreshToken.split(".")[0]]);
    expect(row.rows[0].revoked_reason).toBe("membership_inactive");
    const events = await h.sql.query("select 1 from auth.outbox where event_type = 'auth.session.revoked' and aggregate_id = $1", [row.rows[0].family_id]);
    expect(events.rows).toHaveLength(1);
    expect((await h.http().post("/api/v1/auth/refresh").send({ refreshToken: member.refreshToken })).status).toBe(401);
    // The access token ends with the session, not 15 minutes later.
    expect((await h.http().get("/api/v1/auth/me").set("authorization", `Bearer ${member.accessToken}`)).body.error.code).toBe("SESSION_REVOKED");
  });
});
