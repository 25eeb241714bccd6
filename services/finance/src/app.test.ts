/** The route table: every route is guarded by a declared finance permission, internal routes are internal, a viewer reads but never writes. */
import { isDeclaredPermission } from "@erp/permissions";
import { routeTableProblems, viewerRefusedWrites } from "@erp/testkit";
import { startFinanceTestApp, type FinanceTestApp } from "../test/harness";
import { allPermissions } from "./permissions";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

const BASE = "/api/v1/finance";

it("every public route requires a declared finance permission, and there are no public routes", () => {
  expect(routeTableProblems(t.routes, { basePath: BASE, publicRoutes: [] })).toEqual([]);
  const publicRoutes = t.routes.filter((r) => r.path.startsWith(BASE));
  expect(publicRoutes.length).toBeGreaterThan(20);
  for (const r of publicRoutes) {
    const permission = (r.access as { permission?: string }).permission;
    expect([r.method, r.path, permission !== undefined && isDeclaredPermission(permission) && (allPermissions as string[]).includes(permission)]).toEqual([
      r.method,
      r.path,
      true,
    ]);
  }
  expect(t.routes.filter((r) => !r.path.startsWith(BASE)).map((r) => `${r.method} ${r.path}`)).toContain("post /internal/journal-entries");
});

it("a viewer is refused every write route with 403, before validation, and may read", async () => {
  const org = t.organization();
  const viewer = t.api(t.viewerToken(org.id));
  const writes = viewerRefusedWrites(t.routes, BASE);
  expect(writes.length).toBeGreaterThan(12);
  for (const r of writes) {
    const res = await viewer.send(r.method, r.path.slice(BASE.length).replace(/\{\w+\}/g, "0193a1b2-0000-7000-8000-000000000002"), {});
    expect([r.method, r.path, res.status]).toEqual([r.method, r.path, 403]);
  }
  for (const path of ["/accounts", "/accounts/tree", "/accounts/export.csv", "/journal-entries", "/exchange-rates", "/reports/ledger-integrity"]) {
    expect([path, (await viewer.get(path)).status]).toEqual([path, 200]);
  }
});

it("serves an OpenAPI document: imports take text/csv, exports and 422s document their codes", async () => {
  const org = t.organization();
  const res = await org.api.get("/openapi.json");
  expect(res.status).toBe(200);
  const paths = res.body.paths;
  expect(paths[`${BASE}/accounts/import`].post.requestBody.content).toHaveProperty(["text/csv"]);
  expect(paths[`${BASE}/accounts/export.csv`].get.responses["200"].content).toHaveProperty(["text/csv"]);
  expect(JSON.stringify(paths[`${BASE}/journal-entries/{id}/post`].post.responses["422"])).toContain("ENTRY_NOT_BALANCED");
});
