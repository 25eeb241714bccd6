/** The auth module's error codes for sessions. Messages never say which part was wrong. */
import { unauthenticated } from "@erp/http-kit";

export const invalidCredentials = () => unauthenticated("Invalid email or password", "INVALID_CREDENTIALS");

export const invalidRefreshToken = () => unauthenticated("Refresh token is invalid, expired or revoked", "INVALID_REFRESH_TOKEN");
