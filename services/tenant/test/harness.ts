/**
 * The tenant app against a fresh database of its own (cloned from the migrated template), with
 * a test token issuer and helpers to set organizations up through the internal API.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import request from "supertest";
import { authenticate, createTokenVerifier } from "@erp/auth-kit";
import { createDatabase, uuidv7 } from "@erp/db";
import { createLogger } from "@erp/logging";
import { createTestDatabase, startTestIssuer } from "@erp/testkit";
import { createApp } from "../src/app";
import { PrismaClient } from "../src/generated/prisma/client";
import { allPermissions } from "../src/permissions";

export const INTERNAL_API_KEY = "test-internal-key-0123456789";

export interface OutboxRow {
  event_type: string;
  organization_id: string;
  envelope: { data: Record<string, unknown>; actor: { type: string; id: string } };
}

export async function startTenantTestApp() {
  const connectionString = await createTestDatabase();
  const issuer = await startTestIssuer();
  const logger = createLogger({ service: "tenant", level: "error", format: "json" });
  const db = createDatabase({ connectionString, PrismaClient, schema: "tenant", logger });
  const verifier = createTokenVerifier({ jwksUrl: issuer.jwksUrl, issuer: issuer.issuer, audience: issuer.audience });
  const service = createApp({
    config: { CORS_ORIGINS: [], BODY_LIMIT: "1mb", INTERNAL_API_KEY },
    logger,
    db,
    authenticate: authenticate(verifier),
  });
  const { app } = service;
  // The owner's connection: sees through RLS, for assertions only.
  const owner = new pg.Pool({ connectionString, max: 2 });

  const internal = {
    post: (path: string, body?: object) => {
      const req = request(app).post(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`);
      return body ? req.send(body) : req;
    },
    get: (path: string) => request(app).get(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`),
    delete: (path: string) => request(app).delete(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`),
  };

  /** A token for a user of `organizationId`; every tenant permission unless told otherwise. */
  async function token(organizationId: string, permissions: string[] = allPermissions): Promise<string> {
    return issuer.mint({ sub: randomUUID(), org: organizationId, roles: ["owner"], permissions });
  }

  /** A registered, active organization, as the auth service would leave it. */
  async function createActiveOrganization(name = "Acme Trading", extra: object = {}) {
    const id = uuidv7();
    const created = await internal.post("/organizations", { id, name, ...extra });
    if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
    const activated = await internal.post(`/organizations/${id}/activate`);
    if (activated.status !== 200) throw new Error(`activate failed: ${activated.status}`);
    return { id, token: await token(id) };
  }

  async function outbox(organizationId: string): Promise<OutboxRow[]> {
    const { rows } = await owner.query<OutboxRow>(
      "SELECT event_type, organization_id, envelope FROM tenant.outbox WHERE organization_id = $1 ORDER BY sequence",
      [organizationId],
    );
    return rows;
  }

  async function outboxTypes(organizationId: string): Promise<string[]> {
    return (await outbox(organizationId)).map((row) => row.event_type);
  }

  async function close() {
    await owner.end();
    await db.close();
    await issuer.close();
  }

  return { app, service, db, owner, connectionString, issuer, internal, token, createActiveOrganization, outbox, outboxTypes, close };
}

export type TenantTestApp = Awaited<ReturnType<typeof startTenantTestApp>>;

/** Sends a request with a bearer token. */
export function as(app: TenantTestApp["app"], bearer: string) {
  const auth = (req: request.Test) => req.set("Authorization", `Bearer ${bearer}`);
  return {
    get: (path: string) => auth(request(app).get(`/api/v1/tenant${path}`)),
    patch: (path: string, body: object) => auth(request(app).patch(`/api/v1/tenant${path}`)).send(body),
    put: (path: string, body: object) => auth(request(app).put(`/api/v1/tenant${path}`)).send(body),
    post: (path: string, body?: object) => auth(request(app).post(`/api/v1/tenant${path}`)).send(body),
    send: (method: "get" | "post" | "put" | "patch" | "delete", path: string, body?: object) =>
      auth(request(app)[method](`/api/v1/tenant${path}`)).send(body),
  };
}
