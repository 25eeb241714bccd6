/**
 * Owns the ES256 key pairs: creates the first one, rotates, hands out the current private key
 * for signing and the published public keys for verification and the JWKS.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { AuthDatabase } from "../../database";
import type { SigningKey } from "../../generated/prisma/client";
import { signingKeyRepository } from "./signing-key.repository";

export const SIGNING_ALGORITHM = "ES256";

/**
 * How long an instance keeps using the current key it loaded. After a rotation elsewhere, an
 * instance may sign with the old key for this long, so the old key stays published for the
 * access-token lifetime plus this plus clock skew.
 */
const CURRENT_KEY_CACHE_MS = 60_000;
const CLOCK_SKEW_MS = 60_000;

export interface PublicJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: "sig";
}

export interface CurrentSigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** RFC 7638 thumbprint: a kid derived from the key itself, stable and collision-free. */
function thumbprint(jwk: { crv: string; kty: string; x: string; y: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash("sha256").update(canonical).digest("base64url");
}

function generateSigningKey() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const { x, y } = publicKey.export({ format: "jwk" });
  if (!x || !y) throw new Error("EC key export lacks coordinates");
  const kid = thumbprint({ crv: "P-256", kty: "EC", x, y });
  const publicJwk: PublicJwk = { kty: "EC", crv: "P-256", x, y, kid, alg: SIGNING_ALGORITHM, use: "sig" };
  return {
    kid,
    algorithm: SIGNING_ALGORITHM,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicJwk: { ...publicJwk },
  };
}

export class SigningKeyStore {
  private current?: { key: CurrentSigningKey; loadedAt: number };

  constructor(
    private readonly db: AuthDatabase,
    private readonly accessTokenTtlSeconds: number,
  ) {}

  /** Creates the first key when there is none (first start of the service). */
  async ensureCurrentKey(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await signingKeyRepository.lock(tx);
      if (!(await signingKeyRepository.findCurrent(tx))) await signingKeyRepository.create(tx, generateSigningKey());
    });
  }

  /**
   * Makes a new current key. The previous one stops signing now and stays published until every
   * token it signed has expired.
   */
  async rotate(): Promise<{ kid: string; previousKeyExpiresAt: Date }> {
    const previousKeyExpiresAt = new Date(Date.now() + this.accessTokenTtlSeconds * 1000 + CURRENT_KEY_CACHE_MS + CLOCK_SKEW_MS);
    const created = await this.db.transaction(async (tx) => {
      await signingKeyRepository.lock(tx);
      await signingKeyRepository.deleteExpired(tx);
      await signingKeyRepository.retireCurrent(tx, previousKeyExpiresAt);
      return signingKeyRepository.create(tx, generateSigningKey());
    });
    this.current = undefined;
    return { kid: created.kid, previousKeyExpiresAt };
  }

  async currentKey(): Promise<CurrentSigningKey> {
    if (this.current && Date.now() - this.current.loadedAt < CURRENT_KEY_CACHE_MS) return this.current.key;
    const row = await this.db.transaction((tx) => signingKeyRepository.findCurrent(tx));
    if (!row) throw new Error("No current signing key; ensureCurrentKey() must run at start-up");
    const key = { kid: row.kid, privateKey: createPrivateKey(row.privateKeyPem) };
    this.current = { key, loadedAt: Date.now() };
    return key;
  }

  /** The public key for `kid` while it is published, else null. */
  async verificationKey(kid: string): Promise<KeyObject | null> {
    const row = await this.db.transaction((tx) => signingKeyRepository.findPublished(tx, kid));
    return row ? createPublicKey({ key: { ...publicJwkOf(row) }, format: "jwk" }) : null;
  }

  async publishedJwks(): Promise<PublicJwk[]> {
    const rows = await this.db.transaction((tx) => signingKeyRepository.listPublished(tx));
    return rows.map(publicJwkOf);
  }
}

function publicJwkOf(row: SigningKey): PublicJwk {
  return row.publicJwk as unknown as PublicJwk;
}
