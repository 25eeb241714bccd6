import { generateKeyPairSync } from "node:crypto";
import jwt from "jsonwebtoken";
import { builtInRolePermissions } from "@erp/permissions";
import { dropTestDatabases, testConfigEnv } from "@erp/testkit";
import {
  registerUser,
  startAuth,
  startFakeTenant,
  TEST_SIGNING_KEY_ENCRYPTION_KEY,
  type AuthHarness,
  type FakeTenant,
} from "../../../test/harness";
import { parseKeyEncryptionKey, SigningKeyEncryption } from "../signing-keys/key-encryption";

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

const me = (token?: string) => {
  const req = h.http().get("/api/v1/auth/me");
  return token === undefined ? req : req.set("authorization", `Bearer ${token}`);
};
const logout = (accessToken: string, body?: object) => {
  const req = h.http().post("/api/v1/auth/logout").set("authorization", `Bearer ${accessToken}`);
  return body ? req.send(body) : req;
};
const refresh = (refreshToken: string) => h.http().post("/api/v1/auth/refresh").send({ refreshToken });
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
const INTERNAL_KEY = testConfigEnv().INTERNAL_API_KEY;

/** The `auth.session.revoked` events about the user, oldest first. */
async function revocationsOf(userId: string) {
  const { rows } = await h.sql.query(
    "select envelope from auth.outbox where event_type = 'auth.session.revoked' and envelope->'data'->>'userId' = $1 order by sequence",
    [userId],
  );
  return rows.map(({ envelope }) => ({ sessionId: envelope.data.sessionId, reason: envelope.data.reason, actor: envelope.actor }));
}

describe("GET /api/v1/auth/me", () => {
  it("answers the user, organization, roles and permissions of the token", async () => {
    const user = await registerUser(h.http, { name: "Grace Hopper" });
    const res = await me(user.accessToken);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      userId: user.userId,
      email: user.email,
      name: "Grace Hopper",
      organizationId: user.organizationId,
      roles: ["owner"],
      permissions: builtInRolePermissions("owner"),
    });
  });

  describe("refuses with 401", () => {
    let user: Awaited<ReturnType<typeof registerUser>>;
    beforeAll(async () => {
      user = await registerUser(h.http);
    });
    const claims = () => JSON.parse(Buffer.from(user.accessToken.split(".")[1]!, "base64url").toString());
    const kid = () => JSON.parse(Buffer.from(user.accessToken.split(".")[0]!, "base64url").toString()).kid;

    it("without a token", async () => {
      expect((await me()).status).toBe(401);
    });

    it("with a tampered payload", async () => {
      const [head, , sig] = user.accessToken.split(".");
      const forged = Buffer.from(JSON.stringify({ ...claims(), roles: ["owner", "admin"] })).toString("base64url");
      const res = await me(`${head}.${forged}.${sig}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    });

    it("with alg none", async () => {
      const unsigned = jwt.sign(claims(), "", { algorithm: "none", header: { alg: "none", kid: kid() } as jwt.JwtHeader });
      expect((await me(unsigned)).status).toBe(401);
    });

    it("with a token signed by a key that is not ours (same kid)", async () => {
      const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
      const { iat: _iat, exp: _exp, ...rest } = claims();
      const foreign = jwt.sign(rest, privateKey, { algorithm: "ES256", keyid: kid(), expiresIn: 60 });
      expect((await me(foreign)).status).toBe(401);
    });

    it("with an expired token (TOKEN_EXPIRED)", async () => {
      const { privateKey } = await keyOfDatabase(kid());
      const { iat: _iat, exp: _exp, ...rest } = claims();
      const expired = jwt.sign({ ...rest, exp: Math.floor(Date.now() / 1000) - 10 }, privateKey, { algorithm: "ES256", keyid: kid() });
      const res = await me(expired);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("TOKEN_EXPIRED");
      // The same key and claims with a valid expiry pass: only the expiry was wrong.
      const fresh = jwt.sign({ ...rest, exp: Math.floor(Date.now() / 1000) + 60 }, privateKey, { algorithm: "ES256", keyid: kid() });
      expect((await me(fresh)).status).toBe(200);
    });

    it("with a refresh token or a token of another audience", async () => {
      expect((await me(user.refreshToken)).status).toBe(401);
      const { privateKey } = await keyOfDatabase(kid());
      const { iat: _iat, exp: _exp, ...rest } = claims();
      const otherAudience = jwt.sign({ ...rest, aud: "someone-else" }, privateKey, { algorithm: "ES256", keyid: kid(), expiresIn: 60 });
      expect((await me(otherAudience)).status).toBe(401);
    });
  });
});

/** The private key of `kid`, decrypted as the service does it (a test that forges tokens with it). */
async function keyOfDatabase(kid: string) {
  const { rows } = await h.sql.query("select * from auth.signing_keys where kid = $1", [kid]);
  const encryption = new SigningKeyEncryption(parseKeyEncryptionKey(TEST_SIGNING_KEY_ENCRYPTION_KEY));
  const row = rows[0];
  const privateKey = encryption.decrypt(kid, {
    encryptedPrivateKey: row.encrypted_private_key,
    wrappedDataKey: row.wrapped_data_key,
    keyEncryptionKeyId: row.key_encryption_key_id,
  });
  return { privateKey };
}

describe("POST /api/v1/auth/logout", () => {
  it("without a body, revokes the session of the access token (204)", async () => {
    const user = await registerUser(h.http);
    const res = await logout(user.accessToken);
    expect(res.status).toBe(204);
    expect((await refresh(user.refreshToken)).status).toBe(401);
  });

  it("with a refresh token, revokes that token's session and leaves the others alone", async () => {
    const user = await registerUser(h.http);
    const other = await h.http().post("/api/v1/auth/login").send({ email: user.email, password: user.password });
    const res = await logout(user.accessToken, { refreshToken: other.body.data.tokens.refreshToken });
    expect(res.status).toBe(204);
    expect((await refresh(other.body.data.tokens.refreshToken)).status).toBe(401);
    expect((await refresh(user.refreshToken)).status).toBe(200);
  });

  it("refuses someone else's refresh token with 401 and revokes nothing", async () => {
    const user = await registerUser(h.http);
    const stranger = await registerUser(h.http);
    const res = await logout(user.accessToken, { refreshToken: stranger.refreshToken });
    expect(res.status).toBe(401);
    expect((await refresh(stranger.refreshToken)).status).toBe(200);
  });

  it("requires an access token", async () => {
    expect((await h.http().post("/api/v1/auth/logout")).status).toBe(401);
  });

  it("ends the session's access tokens at once and announces it; other sessions keep working", async () => {
    const user = await registerUser(h.http);
    const other = await h.http().post("/api/v1/auth/login").send({ email: user.email, password: user.password });
    expect((await logout(user.accessToken)).status).toBe(204);

    const res = await me(user.accessToken);
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 401, code: "SESSION_REVOKED" });
    expect((await me(other.body.data.tokens.accessToken)).status).toBe(200);
    expect(await revocationsOf(user.userId)).toEqual([
      { sessionId: claimsOf(user.accessToken).sid, reason: "logout", actor: { type: "user", id: user.userId } },
    ]);
    const announced = await h.sql.query("select envelope from auth.outbox where event_type = 'auth.session.revoked' and aggregate_id = $1", [
      claimsOf(user.accessToken).sid,
    ]);
    // Announced until every access token of the session has expired, and no longer.
    const until = Date.parse(announced.rows[0].envelope.data.tokensExpireAt);
    expect(until).toBeGreaterThanOrEqual(claimsOf(user.accessToken).exp * 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 900_000);

    // Logging out again revokes nothing new and announces nothing more.
    expect((await logout(other.body.data.tokens.accessToken, { refreshToken: user.refreshToken })).status).toBe(204);
    expect(await revocationsOf(user.userId)).toHaveLength(1);
  });
});

describe("POST /internal/users/{userId}/sessions/revoke (a member was deactivated)", () => {
  const revoke = (userId: string, organizationId: string, key = INTERNAL_KEY) =>
    h.http().post(`/internal/users/${userId}/sessions/revoke`).set("authorization", `Bearer ${key}`).send({ organizationId });

  it("ends every session of the user in that organization, access tokens included, one event each", async () => {
    const user = await registerUser(h.http);
    const second = await h.http().post("/api/v1/auth/login").send({ email: user.email, password: user.password });
    const elsewhere = await registerUser(h.http, { email: `x-${user.email}` });

    const res = await revoke(user.userId, user.organizationId);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ revokedSessions: 2 });
    for (const token of [user.accessToken, second.body.data.tokens.accessToken]) {
      expect((await me(token)).body.error.code).toBe("SESSION_REVOKED");
      expect((await refresh(token === user.accessToken ? user.refreshToken : second.body.data.tokens.refreshToken)).status).toBe(401);
    }
    expect((await me(elsewhere.accessToken)).status).toBe(200);
    expect((await revocationsOf(user.userId)).map((event) => event.reason)).toEqual(["membership_inactive", "membership_inactive"]);
  });

  it("does not announce sessions whose tokens have all expired long ago", async () => {
    const user = await registerUser(h.http);
    await h.sql.query(
      "update auth.refresh_tokens set created_at = now() - interval '2 days', expires_at = now() - interval '1 day' where user_id = $1",
      [user.userId],
    );
    expect((await revoke(user.userId, user.organizationId)).body.data).toEqual({ revokedSessions: 0 });
    expect(await revocationsOf(user.userId)).toEqual([]);
  });

  it("requires the internal API key", async () => {
    const user = await registerUser(h.http);
    expect((await revoke(user.userId, user.organizationId, "wrong-key-wrong-key-wrong")).status).toBe(401);
    expect((await me(user.accessToken)).status).toBe(200);
  });
});
