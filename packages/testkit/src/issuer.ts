import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import jwt from "jsonwebtoken";

/** The access-token claims auth issues (see the auth-kit contract). */
export interface AccessTokenClaims {
  sub: string;
  org: string;
  roles: string[];
  permissions: string[];
  typ: string;
  jti: string;
  /** The session (refresh-token family) the token belongs to. */
  sid: string;
  iss: string;
  aud: string;
  exp?: number;
  iat?: number;
  [claim: string]: unknown;
}

export interface MintOptions {
  /** seconds or a timespan like "15m"; negative seconds mint an already expired token. Default 15m. */
  expiresIn?: number | string;
  /** header kid; default the issuer's current key. An unknown kid tests JWKS refetching. */
  kid?: string;
  /** ES256 (default, signed with the issuer's key), HS256 (a shared secret) or none (unsigned): the last two must be rejected. */
  alg?: "ES256" | "HS256" | "none";
}

export interface TestIssuer {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** kid of the key tokens are signed with */
  kid: string;
  mint(claims?: Partial<AccessTokenClaims>, options?: MintOptions): string;
  /** Signs with a new key from now on; the JWKS serves both, as during a real key rotation. */
  rotateKey(): string;
  /** How many times the JWKS was fetched, to test verifier caching. */
  jwksRequests(): number;
  close(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

const HS256_SECRET = "testkit-hs256-secret-which-no-verifier-should-accept";

function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const kid = randomUUID();
  return { kid, privateKey, jwk: { ...publicKey.export({ format: "jwk" }), kid, alg: "ES256", use: "sig" } };
}

/** An in-process stand-in for the auth service's signing key and JWKS endpoint. */
export async function startTestIssuer(options: { issuer?: string; audience?: string } = {}): Promise<TestIssuer> {
  const issuer = options.issuer ?? "erp-auth";
  const audience = options.audience ?? "erp-api";
  const keys = [newSigningKey()];
  const current = () => keys[keys.length - 1]!;
  let requests = 0;

  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/.well-known/jwks.json") {
      requests += 1;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ keys: keys.map((key) => key.jwk) }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer,
    audience,
    get kid() {
      return current().kid;
    },
    mint(claims = {}, mintOptions = {}) {
      const alg = mintOptions.alg ?? "ES256";
      const payload = {
        sub: randomUUID(),
        org: randomUUID(),
        roles: [],
        permissions: [],
        typ: "access",
        jti: randomUUID(),
        sid: randomUUID(),
        iss: issuer,
        aud: audience,
        ...claims,
      };
      const key = alg === "ES256" ? current().privateKey : alg === "HS256" ? HS256_SECRET : "";
      return jwt.sign(payload, key, {
        algorithm: alg,
        keyid: mintOptions.kid ?? current().kid,
        // An explicit exp claim wins; jsonwebtoken refuses both.
        ...(payload.exp === undefined ? { expiresIn: mintOptions.expiresIn ?? "15m" } : {}),
      } as jwt.SignOptions);
    },
    rotateKey() {
      keys.push(newSigningKey());
      return current().kid;
    },
    jwksRequests: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
