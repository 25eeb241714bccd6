/** The environment every token verifier reads, and the verifier options it means. */
import { z } from "@erp/http-kit";
import type { TokenVerifierOptions } from "./token-verifier";

/** Spread into a service's config schema (`baseConfigSchema.extend({ ...tokenVerifierConfig, ... })`). */
export const tokenVerifierConfig = {
  AUTH_URL: z.url().default("http://127.0.0.1:3002"),
  /** Defaults to the auth service's JWKS under AUTH_URL. */
  AUTH_JWKS_URL: z.url().optional(),
  JWT_ISSUER: z.string().min(1).default("erp-auth"),
  JWT_AUDIENCE: z.string().min(1).default("erp-api"),
};

export interface TokenVerifierConfig {
  AUTH_URL: string;
  AUTH_JWKS_URL?: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
}

export function tokenVerifierOptions(config: TokenVerifierConfig): TokenVerifierOptions {
  return {
    jwksUrl: config.AUTH_JWKS_URL ?? `${config.AUTH_URL}/api/v1/auth/.well-known/jwks.json`,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  };
}
