/** The route table: every route is guarded, and a viewer can read but never write. */
import request from "supertest";
import { concretePath, routeName, routeTableProblems, viewerRefusedWrites, writeRoutes, type RouteRow } from "@erp/testkit";
import { startMasterDataTestApp, type MasterDataTestApp } from "../test/harness";
import { allPermissions } from "./permissions";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

const BASE = "/api/v1/master-data";

it("every public-API route requires a declared master-data permission; none is open, the rest are internal", () => {
  expect(routeTableProblems(t.routes, { basePath: BASE, publicRoutes: [] })).toEqual([]);
  const publicRoutes = t.routes.filter((r) => r.path.startsWith(BASE));
  expect(publicRoutes.length).toBeGreaterThan(30);
  const permissionOf = (r: RouteRow) => ("permission" in r.access ? String(r.access.permission) : undefined);
  const declared: readonly string[] = allPermissions;
  expect(publicRoutes.filter((r) => !declared.includes(permissionOf(r) ?? "")).map(routeName)).toEqual([]);
  expect(t.routes.filter((r) => !r.path.startsWith(BASE)).length).toBeGreaterThan(0);
});

it("a viewer is refused every write route with 403, before validation", async () => {
  // A viewer holds no master-data write permission: every write route is refused.
  expect(viewerRefusedWrites(t.routes, BASE).map(routeName)).toEqual(writeRoutes(t.routes, BASE).map(routeName));
  expect(writeRoutes(t.routes, BASE).length).toBeGreaterThan(15);
  const viewer = await t.viewerToken("0193a1b2-0000-7000-8000-000000000001");
  for (const route of writeRoutes(t.routes, BASE)) {
    const res = await request(t.app)[route.method](concretePath(route.path)).set("Authorization", `Bearer ${viewer}`).send({});
    expect({ route: routeName(route), status: res.status }).toEqual({ route: routeName(route), status: 403 });
  }
});

it("a viewer may read", async () => {
  const organizationId = "0193a1b2-0000-7000-8000-000000000003";
  const viewer = t.api(await t.viewerToken(organizationId));
  for (const path of ["/customers", "/suppliers", "/products", "/categories", "/warehouses", "/stock", "/stock/movements", "/stock/valuation"]) {
    expect([path, (await viewer.get(path)).status]).toEqual([path, 200]);
  }
  expect((await viewer.get("/customers/export.csv")).status).toBe(200);
});

it("serves an OpenAPI document in which imports take text/csv and exports return it", async () => {
  const res = await t.api(await t.token("0193a1b2-0000-7000-8000-000000000004")).get("/openapi.json");
  expect(res.status).toBe(200);
  const paths = res.body.paths;
  expect(paths[`${BASE}/customers/import`].post.requestBody.content).toHaveProperty(["text/csv"]);
  expect(paths[`${BASE}/products/export.csv`].get.responses["200"].content).toHaveProperty(["text/csv"]);
  expect(paths[`${BASE}/customers`].get.parameters.map((p: { name: string }) => p.name)).toEqual(
    expect.arrayContaining(["limit", "cursor", "sort", "q", "status", "tag"]),
  );
});
