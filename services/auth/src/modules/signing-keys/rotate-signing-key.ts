/** Key rotation (operators, schedulers): a new signing key now, the old one verifies until its tokens expire. */
import type { SigningKeyStore } from "./signing-key-store";

export async function rotateSigningKey(deps: { signingKeys: SigningKeyStore }) {
  const { kid, previousKeyExpiresAt } = await deps.signingKeys.rotate();
  return { kid, previousKeyPublishedUntil: previousKeyExpiresAt.toISOString() };
}

/**
 * The re-encrypt step of a key-encryption-key rotation (each instance also does it at start):
 * every published private key ends up wrapped by SIGNING_KEY_ENCRYPTION_KEY.
 */
export function reEncryptSigningKeys(deps: { signingKeys: SigningKeyStore }) {
  return deps.signingKeys.reEncrypt();
}
