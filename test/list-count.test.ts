/**
 * `count=true` on every list of every service (issue 11 item 5), generated from each service's own
 * OpenAPI document: every GET whose answer is a page (`pageSchema`) is called with `count=true`
 * and must answer 200 with a numeric `page.total` (the whole list's length when there is no next
 * page), and without `count` must leave `page.total` out (the default path does not count). A list
 * added tomorrow is covered the day it is added; one whose query cannot count answers 500 here.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { concretePath, startServiceTestApp, type ServiceTestApp } from "@erp/testkit";

const SERVICES = join(__dirname, "..", "services");
/** Every service declared by a descriptor (`services/<name>/src/service.ts`); the gateway has none. */
const services = readdirSync(SERVICES)
  .filter((dir) => existsSync(join(SERVICES, dir, "src", "service.ts")))
  .sort();

/**
 * What services call or need at start beyond the test environment. The tenant service is real and
 * listening (finance asks it for an organization's base currency); nothing listens on port 9.
 */
const env = (tenantUrl: string) => ({
  AUTH_URL: "http://127.0.0.1:9",
  TENANT_URL: tenantUrl,
  USER_URL: "http://127.0.0.1:9",
  MASTER_DATA_URL: "http://127.0.0.1:9",
  SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
});

interface Descriptor {
  basePath: string;
  schema: string;
  createApp: unknown;
}

const isDescriptor = (value: unknown): value is Descriptor =>
  typeof value === "object" && value !== null && "basePath" in value && "schema" in value && "createApp" in value;

async function loadDescriptor(dir: string): Promise<Descriptor> {
  const descriptor = Object.values((await import(join(SERVICES, dir, "src", "service.ts"))) as Record<string, unknown>).find(isDescriptor);
  if (!descriptor) throw new Error(`services/${dir}/src/service.ts exports no service descriptor (defineService)`);
  return descriptor;
}

interface SchemaObject {
  $ref?: string;
  properties?: Record<string, SchemaObject>;
  allOf?: SchemaObject[];
}

interface OperationObject {
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, { content?: Record<string, { schema?: SchemaObject }> }>;
}

interface OpenApiDocument {
  paths: Record<string, { get?: OperationObject }>;
  components?: { schemas?: Record<string, SchemaObject> };
}

function resolve(document: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject | undefined {
  if (!schema?.$ref) return schema;
  return resolve(document, document.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")]);
}

/** A page answer: `{ data: [...], page: { ..., total } }`, as `pageSchema` documents it. */
function isPageResponse(document: OpenApiDocument, operation: OperationObject): boolean {
  const schema = resolve(document, operation.responses?.["200"]?.content?.["application/json"]?.schema);
  const pageInfo = resolve(document, schema?.properties?.page);
  return Boolean(schema?.properties?.data && pageInfo?.properties?.total);
}

/** `GET path`: what the list answered, one sentence each; empty when it counts. */
async function countProblems(t: ServiceTestApp, path: string, operation: OperationObject, token: string): Promise<string[]> {
  const name = `GET ${path}`;
  const required = (operation.parameters ?? []).filter((p) => p.in === "query" && p.required).map((p) => p.name);
  if (required.length > 0) return [`${name} requires query parameters ${required.join(", ")}: give this test values for them`];
  if (!(operation.parameters ?? []).some((p) => p.in === "query" && p.name === "count")) return [`${name} does not document the count parameter`];
  const url = concretePath(path);
  const counted = await request(t.app).get(`${url}?count=true`).set("Authorization", `Bearer ${token}`);
  // A list under a parent (`/contacts/{id}/timeline`) is read under a parent that does not exist:
  // its 404 comes from the handler, so `count=true` passed validation; the total is not reached.
  if (path.includes("{") && counted.status === 404) {
    notReached.push(name);
    return [];
  }
  if (counted.status !== 200) return [`${name}?count=true answered ${counted.status}: ${JSON.stringify(counted.body)}`];
  const body = counted.body as { data: unknown[]; page: { total?: unknown; hasMore: boolean } };
  const { total } = body.page;
  if (typeof total !== "number") return [`${name}?count=true has no numeric page.total: ${JSON.stringify(body.page)}`];
  if (total < body.data.length || (!body.page.hasMore && total !== body.data.length)) {
    return [`${name}?count=true: page.total ${total} does not match the ${body.data.length} rows of a page with hasMore=${body.page.hasMore}`];
  }
  const plain = await request(t.app).get(url).set("Authorization", `Bearer ${token}`);
  if (plain.status !== 200) return [`${name} answered ${plain.status}`];
  if ("total" in (plain.body as { page: object }).page) return [`${name} without count=true counts anyway (page.total present)`];
  return [];
}

const covered: string[] = [];
/** Lists under a parent id, answered 404 for the made-up parent: count=true accepted, the total not checked. */
const notReached: string[] = [];
/** The organization whose lists are read: created and activated in the tenant service, as a registration does. */
const organizationId = randomUUID();
let tenant: ServiceTestApp;
let tenantServer: Server;
let tenantUrl: string;

beforeAll(async () => {
  tenant = await startServiceTestApp((await loadDescriptor("tenant")) as Parameters<typeof startServiceTestApp>[0], { env: env("http://127.0.0.1:9") });
  tenantServer = await new Promise<Server>((resolve) => {
    const server = createServer(tenant.app as RequestListener).listen(0, "127.0.0.1", () => resolve(server));
  });
  tenantUrl = `http://127.0.0.1:${(tenantServer.address() as AddressInfo).port}`;
  const created = await tenant.internal.post("/organizations", { id: organizationId, name: "Counted", baseCurrency: "EUR", timezone: "Europe/Berlin" });
  const activated = await tenant.internal.post(`/organizations/${organizationId}/activate`);
  if (created.status !== 201 || activated.status !== 200) throw new Error(`tenant organization setup: ${created.status} ${activated.status}`);
}, 120_000);

afterAll(async () => {
  tenantServer?.closeAllConnections();
  await new Promise((resolve) => tenantServer?.close(resolve));
  await tenant?.close();
});

describe.each(services)("%s: every list answers count=true", (dir) => {
  let t: ServiceTestApp | undefined;

  afterAll(async () => {
    if (t !== tenant) await t?.close();
  });

  it("with 200 and a numeric page.total, and without count=true leaves the total out", async () => {
    t = dir === "tenant" ? tenant : await startServiceTestApp((await loadDescriptor(dir)) as Parameters<typeof startServiceTestApp>[0], { env: env(tenantUrl) });
    // The owner role's permissions: every list is readable.
    const token = t.token(organizationId);
    const read = await request(t.app).get(`${t.basePath}/openapi.json`).set("Authorization", `Bearer ${token}`);
    expect(read.status).toBe(200);
    const document = read.body as OpenApiDocument;

    const problems: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      if (!path.startsWith(`${t.basePath}/`) || !item.get || !isPageResponse(document, item.get)) continue;
      covered.push(`GET ${path}`);
      problems.push(...(await countProblems(t, path, item.get, token)));
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

it("reached the lists of every service (the check is not vacuous)", () => {
  // Lists under a parent are the exception, not the rule.
  expect(notReached.length).toBeLessThan(covered.length / 2);
  // At least customers, suppliers, products, stock levels and movements, members, invitations, roles, modules.
  expect(covered.length).toBeGreaterThanOrEqual(10);
  for (const list of ["/customers", "/suppliers", "/stock", "/members", "/modules"]) {
    expect(covered.some((route) => route.endsWith(list))).toBe(true);
  }
});
