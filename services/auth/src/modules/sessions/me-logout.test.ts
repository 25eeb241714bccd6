import { generateKeyPairSync } from "node:crypto";
import jwt from "jsonwebtoken";
import { builtInRolePermissions } from "@erp/permissions";
import { dropTestDatabases } from "@erp/testkit";
import { registerUser, startAuth, startFakeTenant, type AuthHarness, type FakeTenant } from "../../../test/harness";

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

describe("GET /api/v1/auth/me", () => {
  it("answers the user, organization, roles and permissions of the token", async () => {
    const user = await registerUser(h.http, { name: "Grace Hopper" });
    const res = await me(user.accessToken);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      user: { id: user.userId, email: user.email, name: "Grace Hopper" },
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

async function keyOfDatabase(kid: string) {
  const { rows } = await h.sql.query("select private_key_pem from auth.signing_keys where kid = $1", [kid]);
  return { privateKey: rows[0].private_key_pem as string };
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
    const res = await logout(user.accessToken, { refreshToken: other.body.data.refreshToken });
    expect(res.status).toBe(204);
    expect((await refresh(other.body.data.refreshToken)).status).toBe(401);
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
});
