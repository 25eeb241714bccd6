/** The route table: every route is guarded, and a viewer can read but never write. */
import { isDeclaredPermission } from "@erp/permissions";
import { routeTableProblems } from "@erp/testkit";
import { startMasterDataTestApp, type MasterDataTestApp } from "../test/harness";
import { allPermissions } from "./permissions";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

const BASE = "/api/v1/master-data";

it("every public route requires a declared master-data permission", () => {
  const publicRoutes = t.routes.filter((r) => r.path.startsWith(BASE));
  expect(publicRoutes.length).toBeGreaterThan(30);
  for (const r of publicRoutes) {
    expect([r.method, r.path, "permission" in r.access]).toEqual([r.method, r.path, true]);
    const permission = (r.access as { permission: string }).permission;
    expect(isDeclaredPermission(permission)).toBe(true);
    expect(allPermissions).toContain(permission);
  }
});

it("keeps the shared route-table rules (no public routes at all)", () => {
  expect(routeTableProblems(t.routes, { basePath: BASE, publicRoutes: [] })).toEqual([]);
});

it("every route outside the public base path is internal", () => {
  const others = t.routes.filter((r) => !r.path.startsWith(BASE));
  expect(others.length).toBeGreaterThan(0);
  for (const r of others) {
    expect(r.path.startsWith("/internal/")).toBe(true);
    expect(r.access).toEqual({ internal: true });
  }
});

it("a viewer is refused every write route with 403, before validation", async () => {
  const organizationId = "0193a1b2-0000-7000-8000-000000000001";
  const viewer = t.api(await t.viewerToken(organizationId));
  const writes = t.routes.filter((r) => r.path.startsWith(BASE) && r.method !== "get");
  expect(writes.length).toBeGreaterThan(15);
  for (const r of writes) {
    const path = r.path.slice(BASE.length).replace(/\{\w+\}/g, "0193a1b2-0000-7000-8000-000000000002");
    const res =
      r.method === "delete" ? await viewer.delete(path) : r.method === "patch" ? await viewer.patch(path, {}) : await viewer.post(path, {});
    expect([r.method, r.path, res.status]).toEqual([r.method, r.path, 403]);
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
