import { createHmac, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import jwt from "jsonwebtoken";
import { createTokenVerifier } from "./token-verifier";

const ISSUER = "erp-auth";
const AUDIENCE = "erp-api";

interface TestKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function newKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { kid: randomUUID(), privateKey, publicKey };
}

/** A JWKS endpoint on a free local port; `published` is what it serves right now. */
async function startJwksServer(published: TestKey[]) {
  let fetches = 0;
  let failing = false;
  const server: Server = createServer((_req, res) => {
    fetches += 1;
    if (failing) {
      res.writeHead(500).end();
      return;
    }
    const keys = published.map((key) => ({ ...key.publicKey.export({ format: "jwk" }), kid: key.kid, alg: "ES256", use: "sig" }));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    fetches: () => fetches,
    fail: () => (failing = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const ORG = "0193a1b2-7c4d-7e00-8000-1234567890ab";

const claims = (overrides: Record<string, unknown> = {}) => ({
  sub: "user-1",
  org: ORG,
  roles: ["admin"],
  permissions: ["tenant.*"],
  typ: "access",
  jti: "token-1",
  sid: "session-1",
  ...overrides,
});

function sign(key: TestKey, payload: object = claims(), options: jwt.SignOptions = {}): string {
  return jwt.sign(payload, key.privateKey, {
    algorithm: "ES256",
    keyid: key.kid,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: 300,
    ...options,
  });
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);
const registeredClaims = () => ({ iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 300 });

describe("createTokenVerifier", () => {
  const signingKey = newKey();
  const published = [signingKey];
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  const verifier = () => createTokenVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE });

  beforeAll(async () => {
    jwks = await startJwksServer(published);
  });
  afterAll(() => jwks.close());

  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("the token was accepted");
      },
      (err: { status: number; code: string }) => ({ status: err.status, code: err.code }),
    );

  it("turns a valid token into a Principal", async () => {
    await expect(verifier().verify(sign(signingKey))).resolves.toEqual({
      userId: "user-1",
      organizationId: ORG,
      roles: ["admin"],
      permissions: ["tenant.*"],
      tokenId: "token-1",
      sessionId: "session-1",
      kind: "user",
    });
  });

  it("fetches the JWKS once and then serves known keys from its cache", async () => {
    const cached = verifier();
    const before = jwks.fetches();
    for (let i = 0; i < 5; i += 1) await cached.verify(sign(signingKey));
    expect(jwks.fetches() - before).toBe(1);
  });

  it("refuses an expired token with 401 TOKEN_EXPIRED", async () => {
    const expired = sign(signingKey, claims(), { expiresIn: -60 });
    await expect(rejection(verifier().verify(expired))).resolves.toEqual({ status: 401, code: "TOKEN_EXPIRED" });
  });

  it("refuses a token whose payload was changed after signing", async () => {
    const [header, , signature] = sign(signingKey).split(".");
    const forgedPayload = base64url({ ...claims({ permissions: ["*"] }), ...registeredClaims() });
    const tampered = `${header}.${forgedPayload}.${signature}`;
    await expect(rejection(verifier().verify(tampered))).resolves.toEqual({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("refuses a token signed by another key that claims a published kid", async () => {
    const impostor = { ...newKey(), kid: signingKey.kid };
    await expect(rejection(verifier().verify(sign(impostor)))).resolves.toEqual({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("refuses an unsigned alg none token", async () => {
    const unsigned = `${base64url({ alg: "none", typ: "JWT", kid: signingKey.kid })}.${base64url({ ...claims(), ...registeredClaims() })}.`;
    await expect(rejection(verifier().verify(unsigned))).resolves.toEqual({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("refuses an HS256 token that uses the public key as its HMAC secret", async () => {
    const publicPem = signingKey.publicKey.export({ format: "pem", type: "spki" }).toString();
    const signingInput = `${base64url({ alg: "HS256", typ: "JWT", kid: signingKey.kid })}.${base64url({ ...claims(), ...registeredClaims() })}`;
    const confused = `${signingInput}.${createHmac("sha256", publicPem).update(signingInput).digest("base64url")}`;
    await expect(rejection(verifier().verify(confused))).resolves.toEqual({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("refuses a token from another issuer or for another audience", async () => {
    const v = verifier();
    await expect(rejection(v.verify(sign(signingKey, claims(), { issuer: "someone-else" })))).resolves.toEqual({
      status: 401,
      code: "UNAUTHENTICATED",
    });
    await expect(rejection(v.verify(sign(signingKey, claims(), { audience: "another-api" })))).resolves.toEqual({
      status: 401,
      code: "UNAUTHENTICATED",
    });
  });

  it("refuses a token that is not an access token or lacks required claims", async () => {
    const v = verifier();
    for (const payload of [claims({ typ: "refresh" }), claims({ typ: undefined }), claims({ org: undefined }), claims({ roles: "admin" }), claims({ sid: undefined })]) {
      await expect(rejection(v.verify(sign(signingKey, payload)))).resolves.toEqual({ status: 401, code: "UNAUTHENTICATED" });
    }
  });

  it("refuses a token whose organization claim is not a uuid (a request's scope is built from it)", async () => {
    const v = verifier();
    for (const org of ["org-1", "", `${ORG} `, "x' OR true --", 42]) {
      await expect(rejection(v.verify(sign(signingKey, claims({ org }))))).resolves.toEqual({ status: 401, code: "UNAUTHENTICATED" });
    }
  });

  it("refuses made-up kids with 401 also once the JWKS fetch rate limit is reached (the JWKS answers)", async () => {
    const v = verifier();
    const answers = [];
    for (let i = 0; i < 15; i += 1) answers.push(await rejection(v.verify(sign(newKey()))));
    expect(answers).toEqual(Array.from({ length: 15 }, () => ({ status: 401, code: "UNAUTHENTICATED" })));
  });

  it("refuses garbage and tokens without a kid", async () => {
    const v = verifier();
    await expect(rejection(v.verify("not.a.jwt"))).resolves.toEqual({ status: 401, code: "UNAUTHENTICATED" });
    const noKid = jwt.sign(claims(), signingKey.privateKey, { algorithm: "ES256", issuer: ISSUER, audience: AUDIENCE });
    await expect(rejection(v.verify(noKid))).resolves.toEqual({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("refuses an unknown kid, then accepts it once the JWKS publishes the rotated key", async () => {
    const v = verifier();
    await v.verify(sign(signingKey));
    const rotated = newKey();
    const token = sign(rotated);
    await expect(rejection(v.verify(token))).resolves.toEqual({ status: 401, code: "UNAUTHENTICATED" });

    published.push(rotated);
    await expect(v.verify(token)).resolves.toMatchObject({ userId: "user-1" });
    // Tokens signed by the previous key stay valid while it is still published.
    await expect(v.verify(sign(signingKey))).resolves.toMatchObject({ userId: "user-1" });
  });
});

describe("createTokenVerifier when the JWKS cannot be fetched", () => {
  it("answers 503 to every check while the fetch fails, also once the fetch rate limit is reached, never 401", async () => {
    const key = newKey();
    const jwks = await startJwksServer([key]);
    jwks.fail();
    try {
      const verifier = createTokenVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE });
      const answers = [];
      // More than the 10 fetches a minute the verifier allows: the later ones are refused by the limit.
      for (let i = 0; i < 15; i += 1) {
        answers.push(await verifier.verify(sign(key)).catch((err: { status: number; code: string }) => ({ status: err.status, code: err.code })));
      }
      expect(jwks.fetches()).toBeLessThanOrEqual(10);
      expect(answers).toEqual(Array.from({ length: 15 }, () => ({ status: 503, code: "UPSTREAM_UNAVAILABLE" })));
    } finally {
      await jwks.close();
    }
  });

  it("answers 503 when nothing listens at the JWKS address", async () => {
    const jwks = await startJwksServer([]);
    await jwks.close();
    const verifier = createTokenVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE });
    await expect(verifier.verify(sign(newKey()))).rejects.toMatchObject({ status: 503, code: "UPSTREAM_UNAVAILABLE" });
  });

  it("answers 503 UPSTREAM_UNAVAILABLE rather than blaming the token", async () => {
    const key = newKey();
    const jwks = await startJwksServer([key]);
    jwks.fail();
    try {
      const verifier = createTokenVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE });
      await expect(verifier.verify(sign(key))).rejects.toMatchObject({ status: 503, code: "UPSTREAM_UNAVAILABLE" });
    } finally {
      await jwks.close();
    }
  });
});
