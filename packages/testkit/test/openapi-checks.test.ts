/**
 * The generated OpenAPI checks find each fault they exist for: a fake service (plain node:http,
 * its own OpenAPI document, rows in a real table) that keeps the rules passes, and one that leaks
 * another organization's record, writes it, lets a viewer write or documents no valid example is
 * reported for each.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import pg from "pg";
import { createTestDatabase, dropTestDatabases, openApiChecks, type OpenApiTarget, type RouteRow } from "../src";

const BASE = "/api/v1/probe";
const SCHEMA = "openapi_probe";
const READ = "master_data.customer.read";
const WRITE = "master_data.customer.update";

interface Faults {
  /** Reads and writes find a note whatever its organization. */
  ignoresOrganization?: boolean;
  /** Writes skip the permission check. */
  ignoresPermission?: boolean;
  /** The create example fails the fake's validation. */
  badExample?: boolean;
  /** The update operation documents no example. */
  noExample?: boolean;
}

const uuidSchema = { type: "string", format: "uuid" };

function document(faults: Faults) {
  const idParam = [{ name: "id", in: "path", required: true, schema: uuidSchema }];
  const json = (example: unknown) => ({ content: { "application/json": { schema: { type: "object", ...(example === undefined ? {} : { example }) } } } });
  return {
    openapi: "3.0.3",
    paths: {
      [`${BASE}/notes`]: { post: { requestBody: json(faults.badExample ? { body: 42 } : { body: "hello" }) }, get: {} },
      [`${BASE}/notes/{id}`]: {
        get: { parameters: idParam },
        patch: { parameters: idParam, requestBody: json(faults.noExample ? undefined : { body: "changed" }) },
        delete: { parameters: idParam },
      },
    },
  };
}

const routes: RouteRow[] = [
  { method: "post", path: `${BASE}/notes`, access: { permission: WRITE } },
  { method: "get", path: `${BASE}/notes`, access: { permission: READ } },
  { method: "get", path: `${BASE}/notes/{id}`, access: { permission: READ } },
  { method: "patch", path: `${BASE}/notes/{id}`, access: { permission: WRITE } },
  { method: "delete", path: `${BASE}/notes/{id}`, access: { permission: WRITE } },
];

/** Tokens are `<organization>|<permission,permission>`: the fake trusts them, the checks only mint them. */
const token = (organizationId: string, permissions: readonly string[]) => `${organizationId}|${permissions.join(",")}`;

function fakeService(owner: pg.Client, faults: Faults) {
  const answer = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  return async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    const [organizationId, permissionList] = (req.headers.authorization ?? "").replace(/^Bearer /, "").split("|");
    const permissions = new Set((permissionList ?? "").split(","));
    const path = req.url ?? "";
    if (path === `${BASE}/openapi.json`) return answer(res, 200, document(faults));
    const writing = req.method !== "GET";
    if (!permissions.has(writing ? WRITE : READ) && !(writing && faults.ignoresPermission)) return answer(res, 403, { error: { code: "FORBIDDEN" } });
    if (writing && req.method !== "DELETE" && typeof body.body !== "string") return answer(res, 400, { error: { code: "VALIDATION_FAILED" } });

    if (req.method === "POST" && path === `${BASE}/notes`) {
      const id = randomUUID();
      await owner.query(`INSERT INTO ${SCHEMA}.notes VALUES ($1, $2, $3)`, [id, organizationId, body.body]);
      return answer(res, 201, { data: { id } });
    }
    const id = /^\/api\/v1\/probe\/notes\/([0-9a-f-]{36})$/.exec(path)?.[1];
    if (!id) return answer(res, 404, { error: { code: "NOT_FOUND" } });
    const scope = faults.ignoresOrganization ? "" : " AND organization_id = $2";
    const params = faults.ignoresOrganization ? [id] : [id, organizationId];
    const found = await owner.query(`SELECT id, body FROM ${SCHEMA}.notes WHERE id = $1${scope}`, params);
    if (found.rowCount === 0) return answer(res, 404, { error: { code: "NOT_FOUND" } });
    if (req.method === "PATCH") await owner.query(`UPDATE ${SCHEMA}.notes SET body = $2 WHERE id = $1`, [id, body.body]);
    if (req.method === "DELETE") {
      await owner.query(`DELETE FROM ${SCHEMA}.notes WHERE id = $1`, [id]);
      return answer(res, 204);
    }
    return answer(res, 200, { data: found.rows[0] });
  };
}

let owner: pg.Client;
beforeAll(async () => {
  owner = new pg.Client({ connectionString: await createTestDatabase() });
  await owner.connect();
  await owner.query(`
    CREATE SCHEMA ${SCHEMA};
    CREATE TABLE ${SCHEMA}.notes (id uuid PRIMARY KEY, organization_id uuid NOT NULL, body text NOT NULL);
    CREATE INDEX ON ${SCHEMA}.notes (organization_id);
    SELECT public.app_enable_tenant_isolation('${SCHEMA}.notes');
  `);
});
afterAll(async () => {
  await owner?.end();
  await dropTestDatabases();
});

const target = (faults: Faults): OpenApiTarget => ({
  name: "probe",
  app: fakeService(owner, faults),
  basePath: BASE,
  schema: SCHEMA,
  owner,
  routes,
  token,
});

test("a service that keeps the rules passes, and every kind of route was exercised", async () => {
  const result = await openApiChecks(target({}));
  expect({ isolation: result.isolation, viewer: result.viewer, examples: result.examples }).toEqual({ isolation: [], viewer: [], examples: [] });
  expect(result.covered).toEqual({
    idRoutes: [`get ${BASE}/notes/{id}`, `patch ${BASE}/notes/{id}`, `delete ${BASE}/notes/{id}`],
    viewerWrites: [`post ${BASE}/notes`, `patch ${BASE}/notes/{id}`, `delete ${BASE}/notes/{id}`],
    examples: [`post ${BASE}/notes`, `patch ${BASE}/notes/{id}`],
    createdFrom: [`post ${BASE}/notes`],
  });
});

test("a route that finds another organization's record is reported, and so is what it changed", async () => {
  const result = await openApiChecks(target({ ignoresOrganization: true }));
  expect(result.isolation).toEqual([
    expect.stringMatching(/^probe: get \/api\/v1\/probe\/notes\/\{id\} with another organization's ids \(.+\) answered 200, expected 404$/),
    expect.stringMatching(/^probe: patch .+ answered 200, expected 404$/),
    expect.stringMatching(/^probe: delete .+ answered 204, expected 404$/),
    "probe: another organization's requests changed notes of the victim organization",
  ]);
});

test("a write a viewer is allowed to make is reported, and so is what it wrote", async () => {
  const result = await openApiChecks(target({ ignoresPermission: true }));
  expect(result.viewer).toEqual([
    `probe: post ${BASE}/notes as a viewer answered 201, expected 403`,
    `probe: patch ${BASE}/notes/{id} as a viewer answered 200, expected 403`,
    `probe: delete ${BASE}/notes/{id} as a viewer answered 204, expected 403`,
    "probe: a viewer's refused writes changed notes",
  ]);
});

test("a body without an example, and an example that fails validation, are reported", async () => {
  const result = await openApiChecks(target({ badExample: true, noExample: true }));
  expect(result.examples).toEqual([
    `probe: post ${BASE}/notes's example fails validation: {"code":"VALIDATION_FAILED"}`,
    `probe: patch ${BASE}/notes/{id} has no example for its application/json body`,
  ]);
});
