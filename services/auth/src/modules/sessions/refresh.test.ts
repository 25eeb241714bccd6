import { dropTestDatabases } from "@erp/testkit";
import { registerUser, setMembershipStatus, setRoles, startAuth, startFakeTenant, type AuthHarness, type FakeTenant } from "../../../test/harness";

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

const refresh = (refreshToken: string) => h.http().post("/api/v1/auth/refresh").send({ refreshToken });
const tokenRow = async (token: string) =>
  (await h.sql.query("select * from auth.refresh_tokens where id = $1", [token.split(".")[0]])).rows[0];
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());

describe("POST /api/v1/auth/refresh", () => {
  it("rotates: a new pair in the same session, the old token used up and linked to the new one", async () => {
    const user = await registerUser(h.http);
    const res = await refresh(user.refreshToken);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      userId: user.userId,
      organizationId: user.organizationId,
      tokens: { accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: "Bearer" },
    });
    expect(res.body.data.tokens.refreshToken).not.toBe(user.refreshToken);
    expect(claimsOf(res.body.data.tokens.accessToken).sid).toBe(claimsOf(user.accessToken).sid);

    const old = await tokenRow(user.refreshToken);
    const next = await tokenRow(res.body.data.tokens.refreshToken);
    expect(old.rotated_at).not.toBeNull();
    expect(old.replaced_by).toBe(next.id);
    expect(next.family_id).toBe(old.family_id);
    // Only a digest is stored.
    expect(next.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(next)).not.toContain(res.body.data.tokens.refreshToken.split(".")[1]);

    expect((await refresh(res.body.data.tokens.refreshToken)).status).toBe(200);
  });

  it("reusing a rotated token answers 401 and revokes the whole family, the newest token included", async () => {
    const user = await registerUser(h.http);
    const first = await refresh(user.refreshToken);
    const second = await refresh(first.body.data.tokens.refreshToken);
    expect(second.status).toBe(200);

    const replay = await refresh(user.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("INVALID_REFRESH_TOKEN");

    const newest = await refresh(second.body.data.tokens.refreshToken);
    expect(newest.status).toBe(401);
    const row = await tokenRow(second.body.data.tokens.refreshToken);
    expect(row.revoked_reason).toBe("refresh_token_reuse");
    const events = await h.sql.query("select envelope from auth.outbox where event_type = 'auth.session.revoked' and aggregate_id = $1", [
      row.family_id,
    ]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].envelope.data).toEqual({
      userId: user.userId,
      sessionId: row.family_id,
      reason: "refresh_token_reuse",
      tokensExpireAt: expect.any(String),
    });
    // Every access token of the family ends with it, the ones issued before the reuse included.
    for (const token of [user.accessToken, second.body.data.tokens.accessToken]) {
      const me = await h.http().get("/api/v1/auth/me").set("authorization", `Bearer ${token}`);
      expect({ status: me.status, code: me.body.error?.code }).toEqual({ status: 401, code: "SESSION_REVOKED" });
    }
  });

  it("two concurrent refreshes with one token: one wins, the other counts as reuse", async () => {
    const user = await registerUser(h.http);
    const results = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it("refuses an expired token", async () => {
    const user = await registerUser(h.http);
    await h.sql.query("update auth.refresh_tokens set expires_at = now() - interval '1 second' where id = $1", [user.refreshToken.split(".")[0]]);
    expect((await refresh(user.refreshToken)).status).toBe(401);
  });

  it("refuses a session past its absolute lifetime, however recently it was refreshed", async () => {
    const user = await registerUser(h.http);
    const fresh = await refresh(user.refreshToken);
    expect(fresh.status).toBe(200);
    const maxSeconds = 90 * 24 * 60 * 60; // REFRESH_SESSION_MAX_SECONDS's default
    await h.sql.query("update auth.refresh_tokens set session_started_at = now() - make_interval(secs => $2) where family_id = $1", [
      (await tokenRow(user.refreshToken)).family_id,
      maxSeconds + 1,
    ]);
    const res = await refresh(fresh.body.data.tokens.refreshToken);
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 401, code: "INVALID_REFRESH_TOKEN" });
  });

  it("near a session's absolute end, issues tokens that expire with the session", async () => {
    const user = await registerUser(h.http);
    const maxSeconds = 90 * 24 * 60 * 60;
    const family = (await tokenRow(user.refreshToken)).family_id;
    // The session ends in 120 s.
    await h.sql.query("update auth.refresh_tokens set session_started_at = now() - make_interval(secs => $2) where family_id = $1", [
      family,
      maxSeconds - 120,
    ]);
    const res = await refresh(user.refreshToken);
    expect(res.status).toBe(200);
    expect(res.body.data.tokens.expiresIn).toBeGreaterThan(100);
    expect(res.body.data.tokens.expiresIn).toBeLessThanOrEqual(120);
    const claims = claimsOf(res.body.data.tokens.accessToken);
    expect(claims.exp - claims.iat).toBe(res.body.data.tokens.expiresIn);
    const next = await tokenRow(res.body.data.tokens.refreshToken);
    expect(next.session_started_at).toEqual((await tokenRow(user.refreshToken)).session_started_at);
    expect(next.expires_at.getTime() - next.session_started_at.getTime()).toBe(maxSeconds * 1000);
  });

  it("takes the absolute lifetime from REFRESH_SESSION_MAX_SECONDS", async () => {
    const short = await startAuth({ tenantUrl: tenant.url, databaseUrl: h.databaseUrl, env: { REFRESH_SESSION_MAX_SECONDS: "60" } });
    try {
      const user = await registerUser(short.http);
      expect(claimsOf(user.accessToken).exp - claimsOf(user.accessToken).iat).toBe(60);
      const row = await tokenRow(user.refreshToken);
      expect(row.expires_at.getTime() - row.session_started_at.getTime()).toBe(60_000);
    } finally {
      await short.close();
    }
  });

  it("refuses a token with the right id but a wrong secret, without revoking the real session", async () => {
    const user = await registerUser(h.http);
    const forged = `${user.refreshToken.split(".")[0]}.${"A".repeat(43)}`;
    expect((await refresh(forged)).status).toBe(401);
    expect((await refresh("not-a-token")).status).toBe(401);
    expect((await refresh(user.refreshToken)).status).toBe(200);
  });

  it("recomputes roles from the membership, and a deactivated membership ends the session", async () => {
    const user = await registerUser(h.http);
    await setRoles(h, user.userId, user.organizationId, ["viewer"]);
    const res = await refresh(user.refreshToken);
    expect(claimsOf(res.body.data.tokens.accessToken)).toMatchObject({ roles: ["viewer"] });
    expect(claimsOf(res.body.data.tokens.accessToken).permissions).not.toContain("tenant.settings.update");
    expect(claimsOf(res.body.data.tokens.accessToken).permissions).toContain("tenant.settings.read");

    await setMembershipStatus(h, user.userId, "deactivated");
    expect((await refresh(res.body.data.tokens.refreshToken)).status).toBe(401);
    expect((await tokenRow(res.body.data.tokens.refreshToken)).revoked_reason).toBe("membership_inactive");
    expect((await h.http().get("/api/v1/auth/me").set("authorization", `Bearer ${res.body.data.tokens.accessToken}`)).status).toBe(401);
  });

  it("refuses a missing token with 400", async () => {
    const res = await h.http().post("/api/v1/auth/refresh").send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: "refreshToken", message: expect.any(String) }]);
  });
});
