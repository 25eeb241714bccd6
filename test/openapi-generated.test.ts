/**
 * Isolation, roles and examples, generated from every service's own OpenAPI document (issue 10
 * item 17, issue 11 item 4). Each service is built from its descriptor (`services/<name>/src/service.ts`)
 * against a database of its own, so a service or a route added tomorrow is covered the day it is
 * added: every route with an id refuses another organization's ids (404, nothing of theirs
 * changed), every write the viewer lacks is refused (403, nothing written), and every request
 * body's example passes validation as is.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { openApiChecks, startServiceTestApp, type OpenApiCheckResult, type RouteRow, type ServiceTestApp } from "@erp/testkit";

const SERVICES = join(__dirname, "..", "services");
/** Every service with a database has a descriptor; the gateway (no database, no resources of its own) has none. */
const services = readdirSync(SERVICES)
  .filter((dir) => existsSync(join(SERVICES, dir, "prisma", "schema.prisma")))
  .sort();

/** What services call or need at start beyond the test environment; nothing listens on port 9. */
const ENV = {
  AUTH_URL: "http://127.0.0.1:9",
  TENANT_URL: "http://127.0.0.1:9",
  USER_URL: "http://127.0.0.1:9",
  MASTER_DATA_URL: "http://127.0.0.1:9",
  SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  BCRYPT_ROUNDS: "10",
};

/**
 * The tenant service's internal directory as services that look organizations up see it (finance
 * asks for an organization's base currency before its first event arrived): every organization
 * exists and is active, in EUR from January.
 */
let tenantDirectory: Server;
beforeAll(async () => {
  tenantDirectory = createServer((req, res) => {
    const [, id, settings] = /^\/internal\/organizations\/([0-9a-f-]{36})(\/settings)?$/.exec(req.url ?? "") ?? [];
    const data = !id ? undefined : settings ? { fiscalYearStartMonth: 1 } : { id, name: "Checked", slug: `checked-${id}`, status: "active", baseCurrency: "EUR", timezone: "UTC" };
    res.writeHead(data ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(data ? { data } : { error: { code: "NOT_FOUND", message: "Not found" } }));
  });
  await new Promise<void>((resolve) => tenantDirectory.listen(0, "127.0.0.1", resolve));
  ENV.TENANT_URL = `http://127.0.0.1:${(tenantDirectory.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => tenantDirectory.close(() => resolve())));

/** Services that keep organizations themselves: each checked organization is created and activated there first. */
const prepareOrganization: Record<string, (t: ServiceTestApp, organizationId: string) => Promise<void>> = {
  tenant: async (t, id) => {
    const created = await t.internal.post("/organizations", { id, name: `Checked ${id.slice(-12)}` });
    const activated = await t.internal.post(`/organizations/${id}/activate`);
    if (created.status !== 201 || activated.status !== 200) throw new Error(`tenant organization setup: ${created.status} ${activated.status}`);
  },
};

interface Descriptor {
  name: string;
  schema: string;
  basePath: string;
  createApp: unknown;
}

const isDescriptor = (value: unknown): value is Descriptor =>
  typeof value === "object" && value !== null && "basePath" in value && "schema" in value && "createApp" in value;

async function loadDescriptor(dir: string): Promise<Descriptor> {
  const file = join(SERVICES, dir, "src", "service.ts");
  if (!existsSync(file)) throw new Error(`services/${dir} has no src/service.ts descriptor (defineService): the generated checks cannot build it`);
  const descriptor = Object.values((await import(file)) as Record<string, unknown>).find(isDescriptor);
  if (!descriptor) throw new Error(`services/${dir}/src/service.ts exports no service descriptor (defineService)`);
  return descriptor;
}

const results = new Map<string, OpenApiCheckResult>();

describe.each(services)("%s, from its OpenAPI document", (dir) => {
  let t: ServiceTestApp | undefined;
  let result: OpenApiCheckResult;

  beforeAll(async () => {
    const descriptor = await loadDescriptor(dir);
    t = await startServiceTestApp(descriptor as Parameters<typeof startServiceTestApp>[0], { env: ENV });
    const app = t;
    const prepare = prepareOrganization[dir];
    // createServiceApp's route table: which permission each write needs.
    const routes = (app.service as { routes?: RouteRow[] }).routes;
    if (!routes) throw new Error(`services/${dir}: its createApp returned no route table (createServiceApp's routes)`);
    result = await openApiChecks({
      name: dir,
      app: app.app,
      basePath: app.basePath,
      schema: descriptor.schema,
      owner: app.owner,
      routes,
      token: (organizationId, permissions) => app.token(organizationId, permissions),
      prepareOrganization: prepare && ((organizationId) => prepare(app, organizationId)),
    });
    results.set(dir, result);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it("every route with an id answers another organization's ids with 404 and changes nothing of theirs", () => {
    expect(result.isolation).toEqual([]);
  });

  it("every write the viewer role lacks is refused with 403, and nothing is written", () => {
    expect(result.viewer).toEqual([]);
  });

  it("every request body carries an example that passes validation as is", () => {
    expect(result.examples).toEqual([]);
  });
});

it("the generated checks reached routes with ids, viewer writes and examples (they are not vacuous)", () => {
  const all = [...results.values()];
  expect(results.size).toBe(services.length);
  expect(all.flatMap((r) => r.covered.idRoutes).length).toBeGreaterThan(20);
  expect(all.flatMap((r) => r.covered.createdFrom).length).toBeGreaterThan(3);
  expect(all.flatMap((r) => r.covered.viewerWrites).length).toBeGreaterThan(20);
  expect(all.flatMap((r) => r.covered.examples).length).toBeGreaterThan(20);
});
