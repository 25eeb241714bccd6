/** Enforcement: every route is guarded by a declared permission, a viewer cannot write, the catalog is served. */
import { builtInRolePermissions, listPermissions } from "@erp/permissions";
import { concretePath, routeName, routeTableProblems, viewerRefusedWrites, writeRoutes } from "@erp/testkit";
import { as, BASE, startUserTestApp, type UserTestApp } from "../test/harness";

let t: UserTestApp;
beforeAll(async () => {
  t = await startUserTestApp();
});
afterAll(() => t.close());

it("every public-API route requires a permission the catalog declares; none is open, the rest are internal", () => {
  expect(routeTableProblems(t.service.routes, { basePath: BASE, publicRoutes: [] })).toEqual([]);
});

it("a viewer's write is refused with 403 on every write route", async () => {
  const { routes } = t.service;
  // Editing one's own profile is a write too: a viewer reads and nothing else.
  expect(viewerRefusedWrites(routes, BASE).map(routeName)).toEqual(writeRoutes(routes, BASE).map(routeName));
  const org = await t.createOrganization();
  const viewer = await t.token(org.id, org.ownerId, "viewer");
  for (const route of writeRoutes(routes, BASE)) {
    const res = await as(t.app, viewer).send(route.method, concretePath(route.path).slice(BASE.length), {});
    expect({ route: routeName(route), status: res.status }).toEqual({ route: routeName(route), status: 403 });
  }
  expect(await t.outboxTypes(org.id)).toEqual([]);
});

it("GET /permissions serves the whole catalog to every role", async () => {
  const org = await t.createOrganization();
  const res = await as(t.app, await t.token(org.id, org.ownerId, builtInRolePermissions("viewer"))).get("/permissions");
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual(listPermissions());
  expect(res.body.data).toEqual(expect.arrayContaining([
    { key: "users.ownership.transfer", service: "user", level: "owner", description: expect.any(String) },
    { key: "tenant.subscription.update", service: "tenant", level: "owner", description: expect.any(String) },
  ]));
  expect((await as(t.app, await t.token(org.id, org.ownerId, [])).get("/permissions")).status).toBe(403);
});

it("registration's owner step is idempotent and its compensation removes everything", async () => {
  const org = await t.createOrganization();
  const again = await t.internal.post(`/organizations/${org.id}/owner`, { userId: org.ownerId, email: "o@example.com", name: "O" });
  expect(again.status).toBe(200);
  expect(again.body.data).toEqual({ status: "active", roles: ["owner"], permissions: builtInRolePermissions("owner") });
  await t.addMember(org, ["member"]);
  expect((await t.internal.delete(`/organizations/${org.id}`)).status).toBe(204);
  const { rows } = await t.owner.query(
    "select (select count(*) from users.roles where organization_id = $1) + (select count(*) from users.memberships where organization_id = $1) as n",
    [org.id],
  );
  expect(Number(rows[0].n)).toBe(0);
});
