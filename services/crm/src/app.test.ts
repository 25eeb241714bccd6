/** The route table: every route is guarded by a declared CRM permission, and a viewer can read but never write. */
import request from "supertest";
import { concretePath, routeName, routeTableProblems, viewerRefusedWrites, writeRoutes, type RouteRow } from "@erp/testkit";
import { BASE, startCrmTestApp, type CrmTestApp } from "../test/harness";
import { allPermissions } from "./permissions";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

it("every public-API route requires a declared crm permission; none is open", () => {
  expect(routeTableProblems(t.routes, { basePath: BASE, publicRoutes: [] })).toEqual([]);
  const publicRoutes = t.routes.filter((r) => r.path.startsWith(BASE));
  expect(publicRoutes.length).toBeGreaterThan(50);
  const permissionOf = (r: RouteRow) => ("permission" in r.access ? String(r.access.permission) : undefined);
  const declared: readonly string[] = allPermissions;
  expect(publicRoutes.filter((r) => !declared.includes(permissionOf(r) ?? "")).map(routeName)).toEqual([]);
});

it("a viewer is refused every write route with 403, before validation", async () => {
  expect(viewerRefusedWrites(t.routes, BASE).map(routeName)).toEqual(writeRoutes(t.routes, BASE).map(routeName));
  const viewer = t.viewerToken("0193a1b2-0000-7000-8000-000000000001");
  for (const route of writeRoutes(t.routes, BASE)) {
    const res = await request(t.app)[route.method](concretePath(route.path)).set("Authorization", `Bearer ${viewer}`).send({});
    expect({ route: routeName(route), status: res.status }).toEqual({ route: routeName(route), status: 403 });
  }
});

it("a viewer may read every list, report and export", async () => {
  const viewer = t.api(t.viewerToken("0193a1b2-0000-7000-8000-000000000003"));
  for (const path of [
    "/companies",
    "/contacts",
    "/contacts/duplicates",
    "/leads",
    "/pipelines",
    "/opportunities",
    "/activities",
    "/reports/pipeline",
    "/reports/forecast?from=2026-01-01&to=2026-12-31",
    "/reports/win-rate",
    "/reports/stage-time",
    "/companies/export.csv",
    "/contacts/export.csv",
    "/leads/export.csv",
  ]) {
    expect([path, (await viewer.get(path)).status]).toEqual([path, 200]);
  }
});

it("serves an OpenAPI document: CSV imports and exports, list parameters", async () => {
  const res = await t.api(t.token("0193a1b2-0000-7000-8000-000000000004")).get("/openapi.json");
  expect(res.status).toBe(200);
  const { paths } = res.body;
  expect(paths[`${BASE}/contacts/import`].post.requestBody.content).toHaveProperty(["text/csv"]);
  expect(paths[`${BASE}/leads/export.csv`].get.responses["200"].content).toHaveProperty(["text/csv"]);
  expect(paths[`${BASE}/opportunities`].get.parameters.map((p: { name: string }) => p.name)).toEqual(
    expect.arrayContaining(["limit", "cursor", "sort", "q", "count", "ownerId", "stageId", "status", "tag", "companyId"]),
  );
});
