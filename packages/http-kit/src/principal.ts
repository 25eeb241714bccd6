/** Who is calling: set on the request by `authenticate`, read by access checks and handlers. */
export interface Principal {
  userId: string;
  organizationId: string;
  roles: string[];
  permissions: string[];
  /** The token's `jti`, for revocation and audit. */
  tokenId?: string;
  /** The login session (the token's `sid`): revoking it ends every access token of the session. */
  sessionId?: string;
  kind: "user" | "service";
}

declare global {
  // Express types requests through this global namespace; augmenting it is the documented way.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}
