/**
 * A service's app under test, built from its descriptor as `startService` builds it, against a
 * fresh database of its own (cloned from the migrated template) and a test token issuer; no
 * listening, no events (supertest drives the app, the outbox is read from the table).
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import request from "supertest";
import { createRevokedSessions } from "@erp/auth-kit";
import { parseConfig } from "@erp/config";
import { createDatabase, uuidv7, type PrismaClientLike } from "@erp/db";
import { createLogger } from "@erp/logging";
import { builtInRolePermissions, type BuiltInRole } from "@erp/permissions";
import { serviceIdempotency, type BuiltApp, type ServiceConfig, type ServiceContext, type ServiceDescriptor } from "@erp/service-kit";
import { testConfigEnv } from "./config-env";
import { startTestIssuer } from "./issuer";
import { createTestDatabase } from "./postgres/test-databases";

/** The internal API key of test apps (`internal` sends it). */
export const TEST_INTERNAL_API_KEY = "test-internal-key-0123456789";

export interface ServiceTestAppOptions<Config, Client extends PrismaClientLike, Prepared, App> {
  /** Variables over the test environment (testConfigEnv, the test database, the issuer): `{ DB_POOL_MAX: "3" }`. */
  env?: Record<string, string | undefined>;
  /** What `token()` grants unless told otherwise (default: the owner role's permissions). */
  permissions?: readonly string[];
  /** Builds the app instead of the descriptor's `createApp`, to hand it fakes (user's auth client). */
  createApp?: (context: ServiceContext<Config, Client, Prepared>) => App | Promise<App>;
}

/** Claims of a test token beside its organization and permissions. */
export interface TokenClaims {
  /** The token's `sub` (default a new uuid). */
  userId?: string;
  /** The roles claim (default none; services decide by permissions). */
  roles?: string[];
}

/** A row of the service's outbox, as the owner reads it. */
export interface OutboxRow {
  event_type: string;
  organization_id: string;
  aggregate_id: string;
  envelope: { data: Record<string, unknown>; actor: { type: string; id: string } } & Record<string, unknown>;
}

type Method = "get" | "post" | "put" | "patch" | "delete";

/** Requests to a service's public API with a bearer token; paths are relative to its basePath. */
export interface ApiClient {
  send(method: Method, path: string, body?: object): request.Test;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
  /** A CSV upload (`Content-Type: text/csv`). */
  postCsv(path: string, csv: string): request.Test;
}

/** Requests to a service's `/internal` routes with the internal API key. */
export type InternalClient = Omit<ApiClient, "postCsv">;

type App = Parameters<typeof request>[0];

/** `bearer`'s requests to `app` under `basePath` (`as(app, token)` in a service's harness). */
export function apiClient(app: App, basePath: string, bearer: string): ApiClient {
  return client(app, basePath, `Bearer ${bearer}`);
}

function client(app: App, prefix: string, authorization: string): ApiClient {
  const send = (method: Method, path: string, body?: object) => {
    const req = request(app)[method](`${prefix}${path}`).set("Authorization", authorization);
    return body === undefined ? req : req.send(body);
  };
  return {
    send,
    get: (path) => send("get", path),
    post: (path, body) => send("post", path, body),
    put: (path, body) => send("put", path, body),
    patch: (path, body) => send("patch", path, body),
    delete: (path) => send("delete", path),
    postCsv: (path, csv) => send("post", path).set("Content-Type", "text/csv").send(csv),
  };
}

/**
 * Builds `descriptor`'s app as `startService` does (its config parsed from a test environment,
 * its database, `prepare`, `createApp`), with no events: `revokedSessions` is an empty set and
 * `readiness` has no events check. Tokens come from a test issuer whose JWKS the config points to
 * (AUTH_JWKS_URL), so `verifiedAccessTokens` verifies them as in production.
 *
 * What it gives: `app` (for supertest) and `service` (what createApp returned: routes, OpenAPI),
 * `db`, `owner` (a pool on the owner connection: sees through RLS, for assertions only),
 * `token(organizationId, permissions?)`, `roleToken(...)`, `viewerToken(...)`, `api(token)` on the base path,
 * `internal` on `/internal`, `organization()` (a new organization id with an owner token and its
 * api), the outbox's rows, and `close()`.
 */
export async function startServiceTestApp<Config extends ServiceConfig, Client extends PrismaClientLike, Prepared, Built extends BuiltApp>(
  descriptor: ServiceDescriptor<Config, Client, Prepared, Built>,
  options: ServiceTestAppOptions<Config, Client, Prepared, Built> = {},
) {
  const connectionString = await createTestDatabase();
  const issuer = await startTestIssuer();
  const config = parseConfig(
    descriptor.config,
    testConfigEnv({
      DATABASE_URL: connectionString,
      INTERNAL_API_KEY: TEST_INTERNAL_API_KEY,
      AUTH_JWKS_URL: issuer.jwksUrl,
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: issuer.audience,
      ...options.env,
    }),
  );
  const { name, basePath, schema } = descriptor;
  const logger = createLogger({ service: name, level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const db = createDatabase({ connectionString, PrismaClient: descriptor.prisma, schema, logger, poolMax: config.DB_POOL_MAX });
  // The owner's connection: sees through RLS, for assertions only.
  const owner = new pg.Pool({ connectionString, max: 2 });
  const base = { name, basePath, config, logger, db };
  let service: Built;
  try {
    const prepared = (descriptor.prepare ? await descriptor.prepare(base) : undefined) as Prepared;
    const context = { ...base, revokedSessions: createRevokedSessions(), readiness: {}, prepared, idempotency: serviceIdempotency(db, schema) };
    service = await (options.createApp ?? descriptor.createApp)(context);
  } catch (err) {
    await Promise.allSettled([owner.end(), db.close(), issuer.close()]);
    throw err;
  }
  const { app } = service;

  const defaultPermissions = options.permissions ?? builtInRolePermissions("owner");
  /** A token for a user of `organizationId`: the app's default permissions (`permissions` option) unless given. */
  const token = (organizationId: string, permissions: readonly string[] = defaultPermissions, claims: TokenClaims = {}): string =>
    issuer.mint({ sub: claims.userId ?? randomUUID(), org: organizationId, roles: claims.roles ?? [], permissions: [...permissions] });
  /** A token with a built-in role and its permissions (`owner`: everything; `viewer`: reads only). */
  const roleToken = (organizationId: string, role: BuiltInRole, userId?: string): string =>
    token(organizationId, builtInRolePermissions(role), { userId, roles: [role] });
  const viewerToken = (organizationId: string, userId?: string) => roleToken(organizationId, "viewer", userId);

  const api = (bearer: string) => apiClient(app, basePath, bearer);
  const internal: InternalClient = client(app, "/internal", `Bearer ${TEST_INTERNAL_API_KEY}`);

  /** A new organization id with an owner token and its api (services that keep no organization table). */
  function organization() {
    const id = uuidv7();
    const bearer = token(id);
    return { id, token: bearer, api: api(bearer) };
  }

  /** The organization's outbox rows, oldest first. */
  async function outbox(organizationId: string): Promise<OutboxRow[]> {
    const { rows } = await owner.query<OutboxRow>(
      `SELECT event_type, organization_id, aggregate_id, envelope FROM "${schema}".outbox WHERE organization_id = $1 ORDER BY sequence`,
      [organizationId],
    );
    return rows;
  }
  const outboxTypes = async (organizationId: string) => (await outbox(organizationId)).map((row) => row.event_type);

  async function close() {
    await service.close?.();
    await owner.end();
    await db.close();
    await issuer.close();
  }

  return {
    app,
    service,
    db,
    owner,
    config,
    logger,
    connectionString,
    issuer,
    basePath,
    internalApiKey: TEST_INTERNAL_API_KEY,
    token,
    roleToken,
    viewerToken,
    api,
    internal,
    organization,
    outbox,
    outboxTypes,
    close,
  };
}

export type ServiceTestApp = Awaited<ReturnType<typeof startServiceTestApp>>;
