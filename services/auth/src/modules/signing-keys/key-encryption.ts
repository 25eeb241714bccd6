/**
 * Private signing keys are stored encrypted (envelope encryption, AES-256-GCM from node:crypto):
 * each key gets its own random data key, which encrypts the PEM; the data key itself is stored
 * wrapped (encrypted) by the key-encryption key (KEK) from the environment, never stored. A
 * database dump therefore holds no usable private key. Rotating the KEK only re-wraps the small
 * data keys, and a row names the KEK that wrapped it, so the previous KEK can keep decrypting
 * while rows move to the new one.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = "v1";

/** A key-encryption key: 32 bytes and the id rows refer to it by (derived from the key, not secret). */
export interface KeyEncryptionKey {
  id: string;
  key: Buffer;
}

/** What a row stores instead of the PEM. */
export interface EncryptedPrivateKey {
  /** The PEM, encrypted with the row's data key: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
  encryptedPrivateKey: string;
  /** The data key, encrypted with the KEK named by `keyEncryptionKeyId`; same format. */
  wrappedDataKey: string;
  keyEncryptionKeyId: string;
}

/** Thrown when a row cannot be decrypted: its KEK is not configured, or the data was altered. */
export class SigningKeyDecryptionError extends Error {}

/**
 * Parses a KEK as configured: 32 bytes as 64 hex digits or base64 / base64url (`openssl rand
 * -base64 32`).
 * @throws Error naming the problem (never the value) when it is not 32 bytes in one of those forms
 */
export function parseKeyEncryptionKey(value: string): KeyEncryptionKey {
  const text = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(text)
    ? Buffer.from(text, "hex")
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text)
      ? Buffer.from(text, "base64")
      : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) throw new Error("must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)");
  const id = `kek-${createHash("sha256").update("erp-auth-signing-kek\0").update(key).digest("hex").slice(0, 16)}`;
  return { id, key };
}

/** A fresh KEK in the form the environment takes (base64), for `npm start` and tests. */
export function generateKeyEncryptionKey(): string {
  return randomBytes(KEY_BYTES).toString("base64");
}

function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [format, iv, tag, ciphertext] = sealed.split(".");
  if (format !== FORMAT || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new SigningKeyDecryptionError("unknown encrypted-key format");
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
  } catch {
    throw new SigningKeyDecryptionError("encrypted key does not authenticate (wrong key or altered data)");
  }
}

// The associated data binds each ciphertext to its row: a ciphertext copied onto another key's
// row, or a data key re-labelled with another KEK id, does not decrypt.
const keyAad = (kid: string) => `signing-key:${kid}`;
const dataKeyAad = (kid: string, kekId: string) => `data-key:${kid}:${kekId}`;

/** The current KEK encrypts; the previous ones (rotation) only decrypt. */
export class SigningKeyEncryption {
  private readonly byId: Map<string, KeyEncryptionKey>;

  constructor(
    readonly current: KeyEncryptionKey,
    previous: KeyEncryptionKey[] = [],
  ) {
    this.byId = new Map([...previous, current].map((kek) => [kek.id, kek]));
  }

  /** Encrypts the private key of signing key `kid` under a new data key wrapped by the current KEK. */
  encrypt(kid: string, privateKeyPem: string): EncryptedPrivateKey {
    const dataKey = randomBytes(KEY_BYTES);
    return {
      encryptedPrivateKey: seal(dataKey, Buffer.from(privateKeyPem, "utf8"), keyAad(kid)),
      wrappedDataKey: seal(this.current.key, dataKey, dataKeyAad(kid, this.current.id)),
      keyEncryptionKeyId: this.current.id,
    };
  }

  /**
   * The PEM of signing key `kid`.
   * @throws SigningKeyDecryptionError when the row's KEK is not configured or the data was altered
   */
  decrypt(kid: string, stored: EncryptedPrivateKey): string {
    return open(this.unwrap(kid, stored), stored.encryptedPrivateKey, keyAad(kid)).toString("utf8");
  }

  /** Whether the row is wrapped by another KEK than the current one (rotation pending). */
  needsRewrap(stored: Pick<EncryptedPrivateKey, "keyEncryptionKeyId">): boolean {
    return stored.keyEncryptionKeyId !== this.current.id;
  }

  /**
   * The same row with its data key wrapped by the current KEK; the encrypted PEM is unchanged.
   * @throws SigningKeyDecryptionError as `decrypt`
   */
  rewrap(kid: string, stored: EncryptedPrivateKey): EncryptedPrivateKey {
    const dataKey = this.unwrap(kid, stored);
    return {
      encryptedPrivateKey: stored.encryptedPrivateKey,
      wrappedDataKey: seal(this.current.key, dataKey, dataKeyAad(kid, this.current.id)),
      keyEncryptionKeyId: this.current.id,
    };
  }

  private unwrap(kid: string, stored: EncryptedPrivateKey): Buffer {
    const kek = this.byId.get(stored.keyEncryptionKeyId);
    if (!kek) {
      throw new SigningKeyDecryptionError(
        `signing key ${kid} is encrypted with key-encryption key ${stored.keyEncryptionKeyId}, which is neither ` +
          "SIGNING_KEY_ENCRYPTION_KEY nor in SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS",
      );
    }
    return open(kek.key, stored.wrappedDataKey, dataKeyAad(kid, kek.id));
  }
}
