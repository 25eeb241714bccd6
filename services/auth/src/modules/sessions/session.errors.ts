/** The sessions module's error codes. Messages never say which part of a credential was wrong. */
import { AppError, unauthenticated } from "@erp/errors";

export const INVALID_CREDENTIALS = "INVALID_CREDENTIALS";
export const INVALID_REFRESH_TOKEN = "INVALID_REFRESH_TOKEN";
export const RATE_LIMITED = "RATE_LIMITED";
export const TOKEN_EXPIRED = "TOKEN_EXPIRED";

/** 401 INVALID_CREDENTIALS: wrong password, unknown email, or no active membership to sign in to. */
export const invalidCredentials = () => unauthenticated("Invalid email or password", INVALID_CREDENTIALS);

/** 401 INVALID_REFRESH_TOKEN: unknown, expired, revoked or reused refresh token, or a session past its lifetime. */
export const invalidRefreshToken = () => unauthenticated("Refresh token is invalid, expired or revoked", INVALID_REFRESH_TOKEN);

/** 401 TOKEN_EXPIRED: the access token's `exp` has passed. */
export const accessTokenExpired = () => unauthenticated("Access token expired", TOKEN_EXPIRED);

/** 429 RATE_LIMITED: too many failed sign-ins for the account or the address; routes send Retry-After. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(RATE_LIMITED, "Too many failed login attempts; try again later", 429);
  }
}
