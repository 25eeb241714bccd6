/** Key rotation (operators, schedulers): a new signing key now, the old one verifies until its tokens expire. */
import type { SigningKeyStore } from "./signing-key-store";

export async function rotateSigningKey(deps: { signingKeys: SigningKeyStore }) {
  const { kid, previousKeyExpiresAt } = await deps.signingKeys.rotate();
  return { kid, previousKeyPublishedUntil: previousKeyExpiresAt.toISOString() };
}
