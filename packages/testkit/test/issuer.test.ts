import { createPublicKey, randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { startTestIssuer, testConfigEnv, type TestIssuer } from "../src";

interface Jwks {
  keys: (Record<string, string> & { kid: string })[];
}

async function fetchJwks(issuer: TestIssuer): Promise<Jwks> {
  const res = await fetch(issuer.jwksUrl);
  expect(res.status).toBe(200);
  return (await res.json()) as Jwks;
}

function verifyWithJwks(token: string, jwks: Jwks, issuer: TestIssuer) {
  const { header } = jwt.decode(token, { complete: true })!;
  const jwk = jwks.keys.find((key) => key.kid === header.kid);
  if (!jwk) throw new Error(`no key ${header.kid}`);
  const key = createPublicKey({ key: jwk, format: "jwk" });
  return jwt.verify(token, key, { algorithms: ["ES256"], issuer: issuer.issuer, audience: issuer.audience }) as jwt.JwtPayload;
}

describe("startTestIssuer", () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });

  afterAll(() => issuer.close());

  test("serves its ES256 public key as a JWKS", async () => {
    const jwks = await fetchJwks(issuer);
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig", kid: issuer.kid })]);
    expect(jwks.keys[0]).not.toHaveProperty("d");
    expect(issuer.jwksRequests()).toBe(1);
  });

  test("mints access tokens with the contract's claims that verify against the JWKS", async () => {
    const org = randomUUID();
    const token = issuer.mint({ org, roles: ["admin"], permissions: ["tenant.*"] });

    const claims = verifyWithJwks(token, await fetchJwks(issuer), issuer);
    expect(claims).toMatchObject({ org, roles: ["admin"], permissions: ["tenant.*"], typ: "access", iss: "erp-auth", aud: "erp-api" });
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.exp! - claims.iat!).toBe(15 * 60);
    expect(jwt.decode(token, { complete: true })!.header).toMatchObject({ alg: "ES256", kid: issuer.kid });
  });

  test("mints expired tokens, tokens with an unknown kid and tokens with another algorithm", async () => {
    const jwks = await fetchJwks(issuer);
    expect(() => verifyWithJwks(issuer.mint({}, { expiresIn: -10 }), jwks, issuer)).toThrow(jwt.TokenExpiredError);
    expect(() => verifyWithJwks(issuer.mint({}, { kid: "unknown" }), jwks, issuer)).toThrow(/no key unknown/);
    expect(jwt.decode(issuer.mint({}, { alg: "HS256" }), { complete: true })!.header.alg).toBe("HS256");
    expect(() => verifyWithJwks(issuer.mint({}, { alg: "none" }), jwks, issuer)).toThrow();
  });

  test("after a key rotation tokens carry the new kid and the JWKS serves both keys", async () => {
    const before = issuer.kid;
    const after = issuer.rotateKey();
    expect(after).not.toBe(before);

    const jwks = await fetchJwks(issuer);
    expect(jwks.keys.map((key) => key.kid)).toEqual([before, after]);
    expect(verifyWithJwks(issuer.mint(), jwks, issuer)).toBeTruthy();
  });
});

describe("testConfigEnv", () => {
  test("gives the shared variables test values, with overrides on top and undefined removing one", () => {
    const env = testConfigEnv({ DATABASE_URL: "postgres://x/y", LOG_LEVEL: undefined });
    expect(env).toMatchObject({ NODE_ENV: "test", DATABASE_URL: "postgres://x/y", JWT_ISSUER: "erp-auth", JWT_AUDIENCE: "erp-api" });
    expect(env.INTERNAL_API_KEY!.length).toBeGreaterThanOrEqual(16);
    expect(env).not.toHaveProperty("LOG_LEVEL");
  });
});
