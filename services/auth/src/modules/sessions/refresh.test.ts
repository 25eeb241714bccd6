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
    expect(res.body.data).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: "Bearer" });
    expect(res.body.data.refreshToken).not.toBe(user.refreshToken);
    expect(claimsOf(res.body.data.accessToken).sid).toBe(claimsOf(user.accessToken).sid);

    const old = await tokenRow(user.refreshToken);
    const next = await tokenRow(res.body.data.refreshToken);
    expect(old.rotated_at).not.toBeNull();
    expect(old.replaced_by).toBe(next.id);
    expect(next.family_id).toBe(old.family_id);
    // Only a digest is stored.
    expect(next.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(next)).not.toContain(res.body.data.refreshToken.split(".")[1]);

    expect((await refresh(res.body.data.refreshToken)).status).toBe(200);
  });

  it("reusing a rotated token answers 401 and revokes the whole family, the newest token included", async () => {
    const user = await registerUser(h.http);
    const first = await refresh(user.refreshToken);
    const second = await refresh(first.body.data.refreshToken);
    expect(second.status).toBe(200);

    const replay = await refresh(user.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("INVALID_REFRESH_TOKEN");

    const newest = await refresh(second.body.data.refreshToken);
    expect(newest.status).toBe(401);
    const row = await tokenRow(second.body.data.refreshToken);
    expect(row.revoked_reason).toBe("refresh_token_reuse");
    const events = await h.sql.query("select envelope from auth.outbox where event_type = 'auth.session.revoked' and aggregate_id = $1", [
      row.family_id,
    ]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].envelope.data).toEqual({ userId: user.userId, sessionId: row.family_id, reason: "refresh_token_reuse" });
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
    expect(claimsOf(res.body.data.accessToken)).toMatchObject({ roles: ["viewer"] });
    expect(claimsOf(res.body.data.accessToken).permissions).not.toContain("tenant.settings.update");
    expect(claimsOf(res.body.data.accessToken).permissions).toContain("tenant.settings.read");

    await setMembershipStatus(h, user.userId, "deactivated");
    expect((await refresh(res.body.data.refreshToken)).status).toBe(401);
    expect((await tokenRow(res.body.data.refreshToken)).revoked_reason).toBe("membership_inactive");
  });

  it("refuses a missing token with 400", async () => {
    const res = await h.http().post("/api/v1/auth/refresh").send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: "refreshToken", message: expect.any(String) }]);
  });
});
