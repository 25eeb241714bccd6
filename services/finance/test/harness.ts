/**
 * The finance app against a fresh database of its own (cloned from the migrated template), with a
 * test token issuer and an organization directory standing in for the tenant service (every
 * organization's base currency is EUR unless a test says otherwise). Organizations are just ids.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import request from "supertest";
import { authenticate, createTokenVerifier } from "@erp/auth-kit";
import { createDatabase, uuidv7 } from "@erp/db";
import { createLogger } from "@erp/logging";
import { builtInRolePermissions } from "@erp/permissions";
import { createTestDatabase, startTestIssuer } from "@erp/testkit";
import { createApp } from "../src/app";
import { PrismaClient } from "../src/generated/prisma/client";
import type { LedgerProfile } from "../src/modules/ledger/organization-directory";
import { allPermissions } from "../src/permissions";

export const INTERNAL_API_KEY = "test-internal-key-0123456789";
export const BASE = "/api/v1/finance";

export interface OutboxRow {
  event_type: string;
  aggregate_id: string;
  envelope: { data: Record<string, unknown>; actor: { type: string; id: string } };
}

export async function startFinanceTestApp(options: { poolMax?: number } = {}) {
  const connectionString = await createTestDatabase();
  const issuer = await startTestIssuer();
  const logger = createLogger({ service: "finance", level: "error", format: "json" });
  const db = createDatabase({ connectionString, PrismaClient, schema: "finance", logger, poolMax: options.poolMax });
  const verifier = createTokenVerifier({ jwksUrl: issuer.jwksUrl, issuer: issuer.issuer, audience: issuer.audience });
  /** What the stand-in tenant service answers; organizations not listed have EUR and a January year. */
  const profiles = new Map<string, LedgerProfile | null>();
  const directoryCalls: string[] = [];
  const service = createApp({
    config: { CORS_ORIGINS: [], BODY_LIMIT: "1mb", INTERNAL_API_KEY },
    logger,
    db,
    authenticate: authenticate(verifier),
    directory: {
      ledgerProfile: async (organizationId) => {
        directoryCalls.push(organizationId);
        const profile = profiles.get(organizationId);
        return profile === undefined ? { baseCurrency: "EUR", fiscalYearStartMonth: 1 } : profile;
      },
    },
  });
  const { app } = service;
  // The owner's connection: sees through RLS, for assertions (and tampering) only.
  const owner = new pg.Pool({ connectionString, max: 3 });

  /** A token for a user of `organizationId`; every finance permission unless told otherwise. */
  const token = (organizationId: string, permissions: string[] = allPermissions) =>
    issuer.mint({ sub: randomUUID(), org: organizationId, roles: [], permissions });

  const viewerToken = (organizationId: string) => token(organizationId, builtInRolePermissions("viewer"));

  /** A new organization (its ledger is set up on its first request), its token and an API client. */
  async function organization(profile?: LedgerProfile) {
    const id = uuidv7();
    if (profile) profiles.set(id, profile);
    const bearer = await token(id);
    return { id, token: bearer, api: api(bearer) };
  }

  function api(bearer: string): TestApi {
    const auth = (req: request.Test) => req.set("Authorization", `Bearer ${bearer}`);
    return {
      get: (path: string) => auth(request(app).get(`${BASE}${path}`)),
      post: (path: string, body?: object) => auth(request(app).post(`${BASE}${path}`)).send(body),
      patch: (path: string, body: object) => auth(request(app).patch(`${BASE}${path}`)).send(body),
      put: (path: string, body: object) => auth(request(app).put(`${BASE}${path}`)).send(body),
      delete: (path: string) => auth(request(app).delete(`${BASE}${path}`)),
      postCsv: (path: string, csv: string) => auth(request(app).post(`${BASE}${path}`)).set("Content-Type", "text/csv").send(csv),
    };
  }

  const internal = {
    post: (path: string, body: object) =>
      request(app).post(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`).send(body),
    get: (path: string) => request(app).get(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`),
  };

  async function outbox(organizationId: string): Promise<OutboxRow[]> {
    const { rows } = await owner.query<OutboxRow>(
      "SELECT event_type, aggregate_id, envelope FROM finance.outbox WHERE organization_id = $1 ORDER BY sequence",
      [organizationId],
    );
    return rows;
  }

  const outboxTypes = async (organizationId: string) => (await outbox(organizationId)).map((row) => row.event_type);

  /** The organization's account with `code` (from the default chart), as the API shows it. */
  async function account(client: TestApi, code: string): Promise<{ id: string; code: string; [key: string]: unknown }> {
    const res = await client.get(`/accounts?q=${encodeURIComponent(code)}&limit=200`);
    const found = (res.body.data as { id: string; code: string }[] | undefined)?.find((a) => a.code === code);
    if (!found) throw new Error(`no account ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    return found;
  }

  async function close() {
    await owner.end();
    await db.close();
    await issuer.close();
  }

  return {
    app,
    routes: service.routes,
    ledger: service.ledger,
    db,
    owner,
    connectionString,
    issuer,
    profiles,
    directoryCalls,
    token,
    viewerToken,
    organization,
    api,
    internal,
    outbox,
    outboxTypes,
    account,
    close,
  };
}

export type FinanceTestApp = Awaited<ReturnType<typeof startFinanceTestApp>>;
export type Api = TestApi;

/** An API client with one user's token; paths are relative to the service's base path. */
export interface TestApi {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body: object): request.Test;
  put(path: string, body: object): request.Test;
  delete(path: string): request.Test;
  postCsv(path: string, csv: string): request.Test;
}
