/**
 * The users app from its descriptor (@erp/testkit's startServiceTestApp: a fresh database, a test
 * token issuer), with a fake auth client, and helpers that set organizations and members up
 * through the internal API as auth would.
 */
import { randomUUID } from "node:crypto";
import { uuidv7 } from "@erp/db";
import type { BuiltInRole } from "@erp/permissions";
import { verifiedAccessTokens } from "@erp/service-kit";
import { apiClient, startServiceTestApp, TEST_INTERNAL_API_KEY } from "@erp/testkit";
import { createApp } from "../src/app";
import type { AuthClient, AuthIdentity } from "../src/clients/auth-client";
import { userService } from "../src/service";

export const INTERNAL_API_KEY = TEST_INTERNAL_API_KEY;
export const BASE = userService.basePath;

/** Stands in for auth: known accounts by email, and the session revocations asked for. */
export function fakeAuth() {
  const accounts = new Map<string, AuthIdentity>();
  const revocations: { userId: string; organizationId: string }[] = [];
  const client: AuthClient = {
    findUserByEmail: async (email) => accounts.get(email) ?? null,
    revokeSessions: async (userId, organizationId) => void revocations.push({ userId, organizationId }),
  };
  return { client, accounts, revocations };
}

export async function startUserTestApp() {
  const auth = fakeAuth();
  const t = await startServiceTestApp(userService, {
    env: { INVITATION_TTL_SECONDS: "3600" },
    createApp: (context) => createApp({ ...context, authenticate: verifiedAccessTokens(context), auth: auth.client }),
  });
  const { app, internal } = t;

  /** A token for `userId` in the organization with a built-in role's permissions (or the given ones). */
  const token = (organizationId: string, userId: string, grant: BuiltInRole | string[] = "owner") =>
    Array.isArray(grant) ? t.token(organizationId, grant, { userId }) : t.roleToken(organizationId, grant, userId);

  /** A registered organization, as auth leaves it: built-in roles and an owner. */
  async function createOrganization() {
    const id = uuidv7();
    const ownerId = uuidv7();
    const res = await internal.post(`/organizations/${id}/owner`, { userId: ownerId, email: `${ownerId}@example.com`, name: "Olive Owner" });
    if (res.status !== 201) throw new Error(`owner step failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id, ownerId, ownerToken: token(id, ownerId, "owner") };
  }

  /** Invites a new person with these roles and accepts as auth would; answers the active member. */
  async function addMember(org: { id: string; ownerToken: string }, roles: string[], name = "Mia Member") {
    const email = `${randomUUID()}@example.com`;
    const invited = await as(app, org.ownerToken).post("/invitations", { email, roles });
    if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
    const userId = uuidv7();
    const accepted = await internal.post("/invitations/consume", { token: invited.body.data.token, userId, name });
    if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    return { userId, email, authorization: accepted.body.data as { status: string; roles: string[]; permissions: string[] } };
  }

  const authorization = async (organizationId: string, userId: string) =>
    (await internal.get(`/users/${userId}/organizations/${organizationId}/authorization`)).body.data;

  return { ...t, auth, token, createOrganization, addMember, authorization };
}

export type UserTestApp = Awaited<ReturnType<typeof startUserTestApp>>;

/** Sends a request with a bearer token to the public API. */
export const as = (app: UserTestApp["app"], bearer: string) => apiClient(app, BASE, bearer);
