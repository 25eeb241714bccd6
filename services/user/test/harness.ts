/**
 * The users app against a fresh database of its own (cloned from the migrated template), with a
 * test token issuer, a fake auth client, and helpers that set organizations and members up
 * through the internal API as auth would.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import request from "supertest";
import { authenticate, createTokenVerifier } from "@erp/auth-kit";
import { createDatabase, uuidv7 } from "@erp/db";
import { createLogger } from "@erp/logging";
import { builtInRolePermissions, type BuiltInRole } from "@erp/permissions";
import { createTestDatabase, startTestIssuer } from "@erp/testkit";
import { createApp } from "../src/app";
import type { AuthClient, AuthIdentity } from "../src/clients/auth-client";
import { PrismaClient } from "../src/generated/prisma/client";

export const INTERNAL_API_KEY = "test-internal-key-0123456789";
export const BASE = "/api/v1/users";

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
  const connectionString = await createTestDatabase();
  const issuer = await startTestIssuer();
  const logger = createLogger({ service: "user", level: "error", format: "json" });
  const db = createDatabase({ connectionString, PrismaClient, schema: "users", logger });
  const verifier = createTokenVerifier({ jwksUrl: issuer.jwksUrl, issuer: issuer.issuer, audience: issuer.audience });
  const auth = fakeAuth();
  const service = createApp({
    config: { CORS_ORIGINS: [], BODY_LIMIT: "1mb", INTERNAL_API_KEY, INVITATION_TTL_SECONDS: 3600 },
    logger,
    db,
    authenticate: authenticate(verifier),
    auth: auth.client,
  });
  const { app } = service;
  // The owner's connection: sees through RLS, for assertions only.
  const owner = new pg.Pool({ connectionString, max: 2 });

  const internal = {
    post: (path: string, body?: object) => request(app).post(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`).send(body),
    get: (path: string) => request(app).get(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`),
    delete: (path: string) => request(app).delete(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`),
  };

  /** A token for `userId` in the organization with a built-in role's permissions (or the given ones). */
  async function token(organizationId: string, userId: string, grant: BuiltInRole | string[] = "owner"): Promise<string> {
    const permissions = Array.isArray(grant) ? grant : builtInRolePermissions(grant);
    return issuer.mint({ sub: userId, org: organizationId, roles: Array.isArray(grant) ? [] : [grant], permissions });
  }

  /** A registered organization, as auth leaves it: built-in roles and an owner. */
  async function createOrganization() {
    const id = uuidv7();
    const ownerId = uuidv7();
    const res = await internal.post(`/organizations/${id}/owner`, { userId: ownerId, email: `${ownerId}@example.com`, name: "Olive Owner" });
    if (res.status !== 201) throw new Error(`owner step failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id, ownerId, ownerToken: await token(id, ownerId, "owner") };
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

  async function outboxTypes(organizationId: string): Promise<string[]> {
    const { rows } = await owner.query<{ event_type: string }>(
      "SELECT event_type FROM users.outbox WHERE organization_id = $1 ORDER BY sequence",
      [organizationId],
    );
    return rows.map((row) => row.event_type);
  }

  async function close() {
    await owner.end();
    await db.close();
    await issuer.close();
  }

  return { app, service, db, owner, auth, connectionString, issuer, internal, token, createOrganization, addMember, authorization, outboxTypes, close };
}

export type UserTestApp = Awaited<ReturnType<typeof startUserTestApp>>;

/** Sends a request with a bearer token to the public API. */
export function as(app: UserTestApp["app"], bearer: string) {
  const send = (method: "get" | "post" | "put" | "patch" | "delete", path: string, body?: object) =>
    request(app)[method](`${BASE}${path}`).set("Authorization", `Bearer ${bearer}`).send(body);
  return {
    send,
    get: (path: string) => send("get", path),
    post: (path: string, body?: object) => send("post", path, body),
    patch: (path: string, body: object) => send("patch", path, body),
    put: (path: string, body: object) => send("put", path, body),
    delete: (path: string) => send("delete", path),
  };
}
