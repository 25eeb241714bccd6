/** Enforcement: every route is guarded by a declared permission, and a viewer cannot write. */
import { builtInRolePermissions } from "@erp/permissions";
import { concretePath, routeName, routeTableProblems, viewerRefusedWrites, writeRoutes } from "@erp/testkit";
import { as, startTenantTestApp, type TenantTestApp } from "../test/harness";

let t: TenantTestApp;
beforeAll(async () => {
  t = await startTenantTestApp();
});
afterAll(() => t.close());

const BASE = "/api/v1/tenant";

it("every public-API route requires a permission the catalog declares; none is open, the rest are internal", () => {
  const { routes } = t.service;
  expect(routeTableProblems(routes, { basePath: BASE, publicRoutes: [] })).toEqual([]);
  expect(routes.filter((r) => !r.path.startsWith(BASE)).length).toBeGreaterThan(0);
});

it("a viewer's write is refused with 403 on every write route", async () => {
  const { routes } = t.service;
  // Every write route of tenant needs more than the viewer holds.
  expect(viewerRefusedWrites(routes, BASE).map(routeName)).toEqual(writeRoutes(routes, BASE).map(routeName));
  const org = await t.createActiveOrganization();
  const viewer = await t.token(org.id, builtInRolePermissions("viewer"));
  for (const route of writeRoutes(routes, BASE)) {
    const res = await as(t.app, viewer).send(route.method, concretePath(route.path).slice(BASE.length), {});
    expect({ route: routeName(route), status: res.status }).toEqual({ route: routeName(route), status: 403 });
  }
});
