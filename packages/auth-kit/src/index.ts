export { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from "./token-verifier";
export { authenticate } from "./authenticate";
export { requirePermission, hasPermission, type Principal } from "@erp/http-kit";
export { tokenVerifierConfig, tokenVerifierOptions, type TokenVerifierConfig } from "./verifier-config";
