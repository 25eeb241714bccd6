/** How a service (not auth, which issues them) authenticates requests. */
import { authenticate, createTokenVerifier, tokenVerifierOptions, type RevokedSessions, type TokenVerifierConfig } from "@erp/auth-kit";
import type { ServiceAppOptions } from "@erp/http-kit";

/**
 * The `authenticate` middleware of a service whose config spreads `tokenVerifierConfig`: access
 * tokens verified against auth's JWKS (AUTH_JWKS_URL, or AUTH_URL's), tokens of revoked sessions
 * refused (401 SESSION_REVOKED). Keys are fetched when the first token arrives, not here.
 */
export function verifiedAccessTokens(context: {
  config: TokenVerifierConfig;
  revokedSessions: RevokedSessions;
}): NonNullable<ServiceAppOptions["authenticate"]> {
  return authenticate(createTokenVerifier(tokenVerifierOptions(context.config)), { revokedSessions: context.revokedSessions });
}
