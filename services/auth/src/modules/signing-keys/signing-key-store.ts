/**
 * Owns the ES256 key pairs: creates the first one, rotates, hands out the current private key
 * for signing and the published public keys for verification and the JWKS. Private keys are
 * stored encrypted under the key-encryption key (key-encryption.ts) and decrypted only here.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { AuthDatabase } from "../../database";
import type { Tx } from "../../database";
import type { SigningKey } from "../../generated/prisma/client";
import { SigningKeyDecryptionError, type EncryptedPrivateKey, type SigningKeyEncryption } from "./key-encryption";
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

function generateSigningKey(encryption: SigningKeyEncryption) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const { x, y } = publicKey.export({ format: "jwk" });
  if (!x || !y) throw new Error("EC key export lacks coordinates");
  const kid = thumbprint({ crv: "P-256", kty: "EC", x, y });
  const publicJwk: PublicJwk = { kty: "EC", crv: "P-256", x, y, kid, alg: SIGNING_ALGORITHM, use: "sig" };
  return {
    kid,
    algorithm: SIGNING_ALGORITHM,
    ...encryption.encrypt(kid, privateKey.export({ type: "pkcs8", format: "pem" }).toString()),
    publicJwk: { ...publicJwk },
  };
}

/** What `reEncrypt` changed: plain rows encrypted, rows re-wrapped from a previous key-encryption key. */
export interface ReEncryption {
  encrypted: number;
  reWrapped: number;
  /** The id of the key-encryption key every row is now wrapped by. */
  keyEncryptionKeyId: string;
}

export class SigningKeyStore {
  private current?: { key: CurrentSigningKey; loadedAt: number };

  constructor(
    private readonly db: AuthDatabase,
    private readonly accessTokenTtlSeconds: number,
    private readonly encryption: SigningKeyEncryption,
  ) {}

  /**
   * Start-up: encrypts rows stored plain (written before encryption), re-wraps rows of a previous
   * key-encryption key with the current one, and creates the first key when there is none.
   * @throws SigningKeyDecryptionError when a published key is wrapped by a key-encryption key that
   *   is not configured (the service must not start signing with keys it cannot read)
   */
  async ensureCurrentKey(): Promise<ReEncryption> {
    return this.db.transaction(async (tx) => {
      await signingKeyRepository.lock(tx);
      const result = await this.reEncryptLocked(tx);
      if (!(await signingKeyRepository.findCurrent(tx))) await signingKeyRepository.create(tx, generateSigningKey(this.encryption));
      return result;
    });
  }

  /**
   * The re-encrypt step of a key-encryption-key rotation (also run at every start): afterwards
   * every published key is wrapped by SIGNING_KEY_ENCRYPTION_KEY, and the previous key can be
   * removed from SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS.
   * @throws SigningKeyDecryptionError as ensureCurrentKey
   */
  async reEncrypt(): Promise<ReEncryption> {
    const result = await this.db.transaction(async (tx) => {
      await signingKeyRepository.lock(tx);
      return this.reEncryptLocked(tx);
    });
    this.current = undefined;
    return result;
  }

  private async reEncryptLocked(tx: Tx): Promise<ReEncryption> {
    // Keys past their publication window verify nothing: dropped, not converted.
    await signingKeyRepository.deleteExpired(tx);
    const plain = await signingKeyRepository.listPlain(tx);
    for (const row of plain) await signingKeyRepository.storeEncrypted(tx, row.kid, this.encryption.encrypt(row.kid, row.privateKeyPem!));
    const stale = await signingKeyRepository.listWrappedByOtherThan(tx, this.encryption.current.id);
    for (const row of stale) await signingKeyRepository.storeEncrypted(tx, row.kid, this.encryption.rewrap(row.kid, encryptedPartOf(row)));
    return { encrypted: plain.length, reWrapped: stale.length, keyEncryptionKeyId: this.encryption.current.id };
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
      return signingKeyRepository.create(tx, generateSigningKey(this.encryption));
    });
    this.current = undefined;
    return { kid: created.kid, previousKeyExpiresAt };
  }

  async currentKey(): Promise<CurrentSigningKey> {
    if (this.current && Date.now() - this.current.loadedAt < CURRENT_KEY_CACHE_MS) return this.current.key;
    const row = await this.db.transaction((tx) => signingKeyRepository.findCurrent(tx));
    if (!row) throw new Error("No current signing key; ensureCurrentKey() must run at start-up");
    const key = { kid: row.kid, privateKey: createPrivateKey(this.privateKeyPemOf(row)) };
    this.current = { key, loadedAt: Date.now() };
    return key;
  }

  private privateKeyPemOf(row: SigningKey): string {
    // A plain row can only appear if an instance without encryption wrote it after this one started.
    return row.privateKeyPem ?? this.encryption.decrypt(row.kid, encryptedPartOf(row));
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

function encryptedPartOf(row: SigningKey): EncryptedPrivateKey {
  if (!row.encryptedPrivateKey || !row.wrappedDataKey || !row.keyEncryptionKeyId) {
    throw new SigningKeyDecryptionError(`signing key ${row.kid} holds no encrypted private key`);
  }
  return { encryptedPrivateKey: row.encryptedPrivateKey, wrappedDataKey: row.wrappedDataKey, keyEncryptionKeyId: row.keyEncryptionKeyId };
}
