/**
 * The master-data app against a fresh database of its own (cloned from the migrated template),
 * with a test token issuer. Organizations are just ids here: the service keeps no organization
 * table, every row carries its organization.
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
import { allPermissions } from "../src/permissions";

export const INTERNAL_API_KEY = "test-internal-key-0123456789";
const BASE = "/api/v1/master-data";

export interface OutboxRow {
  event_type: string;
  aggregate_id: string;
  envelope: { data: Record<string, unknown>; actor: { type: string; id: string } };
}

export async function startMasterDataTestApp(options: { poolMax?: number } = {}) {
  const connectionString = await createTestDatabase();
  const issuer = await startTestIssuer();
  const logger = createLogger({ service: "master-data", level: "error", format: "json" });
  const db = createDatabase({ connectionString, PrismaClient, schema: "master_data", logger, poolMax: options.poolMax });
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

  /** A token for a user of `organizationId`; every master-data permission unless told otherwise. */
  const token = (organizationId: string, permissions: string[] = allPermissions) =>
    issuer.mint({ sub: randomUUID(), org: organizationId, roles: [], permissions });

  const viewerToken = (organizationId: string) => token(organizationId, builtInRolePermissions("viewer"));

  async function organization() {
    const id = uuidv7();
    return { id, token: await token(id), api: api(await token(id)) };
  }

  function api(bearer: string) {
    const auth = (req: request.Test) => req.set("Authorization", `Bearer ${bearer}`);
    return {
      get: (path: string) => auth(request(app).get(`${BASE}${path}`)),
      post: (path: string, body?: object) => auth(request(app).post(`${BASE}${path}`)).send(body),
      patch: (path: string, body: object) => auth(request(app).patch(`${BASE}${path}`)).send(body),
      delete: (path: string) => auth(request(app).delete(`${BASE}${path}`)),
      postCsv: (path: string, csv: string) => auth(request(app).post(`${BASE}${path}`)).set("Content-Type", "text/csv").send(csv),
    };
  }

  const internal = {
    put: (path: string, body: object) =>
      request(app).put(`/internal${path}`).set("Authorization", `Bearer ${INTERNAL_API_KEY}`).send(body),
  };

  async function outbox(organizationId: string): Promise<OutboxRow[]> {
    const { rows } = await owner.query<OutboxRow>(
      "SELECT event_type, aggregate_id, envelope FROM master_data.outbox WHERE organization_id = $1 ORDER BY sequence",
      [organizationId],
    );
    return rows;
  }

  const outboxTypes = async (organizationId: string) => (await outbox(organizationId)).map((row) => row.event_type);

  async function close() {
    await owner.end();
    await db.close();
    await issuer.close();
  }

  return { app, routes: service.routes, db, owner, connectionString, issuer, token, viewerToken, organization, api, internal, outbox, outboxTypes, close };
}

export type MasterDataTestApp = Awaited<ReturnType<typeof startMasterDataTestApp>>;
export type Api = ReturnType<MasterDataTestApp["api"]>;

/** A warehouse and a stock item with `onHand` received at `unitCost`, for stock tests. */
export async function stockedProduct(api: Api, options: { onHand?: string; unitCost?: string; reorderLevel?: string } = {}) {
  const warehouse = await api.post("/warehouses", { code: `W-${randomUUID().slice(0, 8)}`, name: "Main" });
  const product = await api.post("/products", {
    sku: `SKU-${randomUUID().slice(0, 8)}`,
    name: "Widget",
    currency: "EUR",
    ...(options.reorderLevel ? { reorderLevel: options.reorderLevel } : {}),
  });
  if (warehouse.status !== 201 || product.status !== 201) throw new Error(`setup failed: ${warehouse.status} ${product.status}`);
  const ids = { productId: product.body.data.id as string, warehouseId: warehouse.body.data.id as string };
  if (options.onHand) {
    const receipt = await api.post("/stock/receipts", { ...ids, quantity: options.onHand, unitCost: options.unitCost ?? "10" });
    if (receipt.status !== 201) throw new Error(`receipt failed: ${receipt.status} ${JSON.stringify(receipt.body)}`);
  }
  return ids;
}
