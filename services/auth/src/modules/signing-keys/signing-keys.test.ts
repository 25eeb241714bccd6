import { builtInRolePermissions } from "@erp/permissions";
import { createTokenVerifier } from "@erp/auth-kit";
import { dropTestDatabases, testConfigEnv } from "@erp/testkit";
import { registerUser, startAuth, startFakeTenant, type AuthHarness, type FakeTenant } from "../../../test/harness";

let tenant: FakeTenant;
let h: AuthHarness;
const INTERNAL_KEY = testConfigEnv().INTERNAL_API_KEY;

beforeAll(async () => {
  tenant = await startFakeTenant();
  h = await startAuth({ tenantUrl: tenant.url });
});

afterAll(async () => {
  await h.close();
  await tenant.close();
  await dropTestDatabases();
});

const jwks = async () => (await h.http().get("/api/v1/auth/.well-known/jwks.json")).body.keys as Array<Record<string, string>>;
const kidOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).kid as string;
const rotate = (key = INTERNAL_KEY) => h.http().post("/internal/signing-keys/rotate").set("authorization", `Bearer ${key}`);
const verifier = () =>
  createTokenVerifier({ jwksUrl: `${h.auth.url}/api/v1/auth/.well-known/jwks.json`, issuer: "erp-auth", audience: "erp-api" });

describe("GET /api/v1/auth/.well-known/jwks.json", () => {
  it("publishes the signing key as a public ES256 JWK (no private parts), unwrapped", async () => {
    const res = await h.http().get("/api/v1/auth/.well-known/jwks.json");
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=60");
    expect(res.body.keys.length).toBeGreaterThanOrEqual(1);
    for (const key of res.body.keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x", "y"]);
      expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    }
  });

  it("tokens it issues verify with @erp/auth-kit against this JWKS", async () => {
    const user = await registerUser(h.http);
    expect((await jwks()).map((k) => k.kid)).toContain(kidOf(user.accessToken));
    const principal = await verifier().verify(user.accessToken);
    expect(principal).toMatchObject({
      userId: user.userId,
      organizationId: user.organizationId,
      roles: ["owner"],
      permissions: builtInRolePermissions("owner"),
      kind: "user",
    });
  });
});

describe("POST /internal/signing-keys/rotate", () => {
  it("requires the internal API key", async () => {
    expect((await rotate("wrong-key-wrong-key-wrong")).status).toBe(401);
    expect((await h.http().post("/internal/signing-keys/rotate")).status).toBe(401);
  });

  it("signs new tokens with a new key while tokens of the old key keep verifying", async () => {
    const before = await registerUser(h.http);
    const oldKid = kidOf(before.accessToken);

    const res = await rotate();
    expect(res.status).toBe(200);
    expect(res.body.data.kid).not.toBe(oldKid);
    // Published at least as long as a token signed just before the rotation can live.
    expect(Date.parse(res.body.data.previousKeyPublishedUntil)).toBeGreaterThan(Date.now() + 900_000);

    const kids = (await jwks()).map((k) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([oldKid, res.body.data.kid]));

    const after = await h.http().post("/api/v1/auth/login").send({ email: before.email, password: before.password });
    expect(kidOf(after.body.data.tokens.accessToken)).toBe(res.body.data.kid);

    const kit = verifier();
    await expect(kit.verify(before.accessToken)).resolves.toMatchObject({ userId: before.userId });
    await expect(kit.verify(after.body.data.tokens.accessToken)).resolves.toMatchObject({ userId: before.userId });
    expect((await h.http().get("/api/v1/auth/me").set("authorization", `Bearer ${before.accessToken}`)).status).toBe(200);
  });

  it("stops publishing a retired key once its publication window is over", async () => {
    const user = await registerUser(h.http);
    await rotate();
    const retiredKid = kidOf(user.accessToken);
    await h.sql.query("update auth.signing_keys set expires_at = now() - interval '1 second' where kid = $1", [retiredKid]);
    expect((await jwks()).map((k) => k.kid)).not.toContain(retiredKid);
    expect((await h.http().get("/api/v1/auth/me").set("authorization", `Bearer ${user.accessToken}`)).status).toBe(401);
  });
});
