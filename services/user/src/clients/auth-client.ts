/** The auth service's internal API, as the users service uses it. */
import { createInternalClient } from "@erp/http-kit";

export interface AuthIdentity {
  id: string;
  email: string;
  name: string;
}

export interface AuthClient {
  /** The global identity with this (lower-cased) email, or null when nobody registered it. */
  findUserByEmail(email: string): Promise<AuthIdentity | null>;
  /** Revokes the user's refresh-token families in the organization. */
  revokeSessions(userId: string, organizationId: string): Promise<void>;
}

export function createAuthClient(options: { baseUrl: string; internalApiKey: string; timeoutMs: number }): AuthClient {
  const call = createInternalClient({ service: "auth", ...options });
  return {
    async findUserByEmail(email) {
      return (await call<AuthIdentity>("POST", "/internal/users/lookup", { body: { email }, accept: [404] })) ?? null;
    },
    async revokeSessions(userId, organizationId) {
      await call("POST", `/internal/users/${encodeURIComponent(userId)}/sessions/revoke`, { body: { organizationId } });
    },
  };
}
