export { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from "./token-verifier";
export { authenticate, sessionRevokedError, type AuthenticateOptions } from "./authenticate";
export { createRevokedSessions, type RevokedSessions, type RevokedSessionsOptions } from "./revoked-sessions";
export { requirePermission, hasPermission, type Principal } from "@erp/http-kit";
export { tokenVerifierConfig, tokenVerifierOptions, type TokenVerifierConfig } from "./verifier-config";
export {
  applyRevocation,
  followSessionRevocations,
  type SessionRevocationFeed,
  type SessionRevocationFeedOptions,
} from "./session-revocation-feed";
