/**
 * What is kept of a client's Idempotency-Key: nothing readable. The key itself is never stored;
 * three independent secrets are derived from it (HKDF-SHA256, per scope):
 * - the lookup hash (the row's primary key with the scope);
 * - the request fingerprint key: an HMAC of the request (method, path, query, body), so the row
 *   does not hold a plain hash of a body that may carry a password;
 * - the sealing key: the stored answer (registration's tokens, say) is AES-256-GCM encrypted.
 * Someone reading the table without the client's key learns neither the requests nor the answers;
 * this is only as strong as the key is unguessable, which is why clients send UUIDs.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

const SALT = Buffer.from("erp-idempotency-key/v1", "utf8");
const IV_BYTES = 12;
const TAG_BYTES = 16;

function derive(key: string, scope: string, purpose: "lookup" | "fingerprint" | "seal"): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(key, "utf8"), SALT, Buffer.from(`${purpose}\n${scope}`, "utf8"), 32));
}

/** The secrets of one key in one scope. */
export interface KeySecrets {
  /** Hex; the row's `key_hash`. */
  lookup: string;
  /** Hex HMAC of `material` (the request's canonical form); the row's `request_fingerprint`. */
  fingerprint(material: string): string;
  /** base64 of iv ‖ tag ‖ ciphertext. */
  seal(plaintext: string): string;
  /** @throws Error when `sealed` was not sealed with this key (or was altered) */
  open(sealed: string): string;
}

export function keySecrets(key: string, scope: string): KeySecrets {
  const fingerprintKey = derive(key, scope, "fingerprint");
  const sealingKey = derive(key, scope, "seal");
  return {
    lookup: derive(key, scope, "lookup").toString("hex"),
    fingerprint: (material) => createHmac("sha256", fingerprintKey).update(material, "utf8").digest("hex"),
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", sealingKey, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64");
    },
    open(sealed) {
      const bytes = Buffer.from(sealed, "base64");
      const decipher = createDecipheriv("aes-256-gcm", sealingKey, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    },
  };
}
