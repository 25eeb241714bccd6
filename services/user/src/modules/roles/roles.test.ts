import { builtInRolePermissions } from "@erp/permissions";
import { as, startUserTestApp, type UserTestApp } from "../../../test/harness";

let t: UserTestApp;
beforeAll(async () => {
  t = await startUserTestApp();
});
afterAll(() => t.close());

const createRole = (token: string, body: object) => as(t.app, token).post("/roles", body);

describe("role inheritance", () => {
  it("a grandchild role holds its own, its parent's and its grandparent's permissions", async () => {
    const org = await t.createOrganization();
    const grandparent = await createRole(org.ownerToken, { name: "clerk", permissions: ["tenant.settings.update"] });
    const parent = await createRole(org.ownerToken, { name: "senior-clerk", parentId: grandparent.body.data.id, permissions: ["tenant.module.update"] });
    const child = await createRole(org.ownerToken, { name: "head-clerk", parentId: parent.body.data.id, permissions: ["users.department.manage"] });
    expect(child.status).toBe(201);
    expect(child.headers.location).toBe(`/api/v1/users/roles/${child.body.data.id}`);
    expect(child.body.data).toMatchObject({
      permissions: ["users.department.manage"],
      effectivePermissions: ["tenant.module.update", "tenant.settings.update", "users.department.manage"],
    });

    const member = await t.addMember(org, ["head-clerk"]);
    expect(member.authorization).toMatchObject({
      status: "active",
      roles: ["head-clerk"],
      permissions: ["tenant.module.update", "tenant.settings.update", "users.department.manage"],
    });
  });

  it("a custom role under a built-in one inherits the built-in role's derived permissions", async () => {
    const org = await t.createOrganization();
    const roles = (await as(t.app, org.ownerToken).get("/roles")).body.data as { id: string; name: string }[];
    const viewer = roles.find((r) => r.name === "viewer")!;
    const res = await createRole(org.ownerToken, { name: "auditor", parentId: viewer.id, permissions: ["tenant.settings.update"] });
    expect(res.body.data.effectivePermissions).toEqual([...builtInRolePermissions("viewer"), "tenant.settings.update"].sort());
  });

  it("changing a role's permissions changes what its members get at their next token", async () => {
    const org = await t.createOrganization();
    const role = await createRole(org.ownerToken, { name: "planner" });
    const member = await t.addMember(org, ["planner"]);
    expect(member.authorization.permissions).toEqual([]);
    const res = await as(t.app, org.ownerToken).put(`/roles/${role.body.data.id}/permissions`, { permissions: ["tenant.module.read"] });
    expect(res.status).toBe(200);
    expect((await t.authorization(org.id, member.userId)).permissions).toEqual(["tenant.module.read"]);
    expect(await t.outboxTypes(org.id)).toContain("user.role.updated");
  });
});

describe("refusals", () => {
  it("refuses a parent that would close a cycle with 422, and a role as its own parent", async () => {
    const org = await t.createOrganization();
    const a = (await createRole(org.ownerToken, { name: "a" })).body.data;
    const b = (await createRole(org.ownerToken, { name: "b", parentId: a.id })).body.data;
    const c = (await createRole(org.ownerToken, { name: "c", parentId: b.id })).body.data;
    const cycle = await as(t.app, org.ownerToken).patch(`/roles/${a.id}`, { parentId: c.id });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.details).toEqual([{ path: "parentId", message: "Creates a cycle" }]);
    expect((await as(t.app, org.ownerToken).patch(`/roles/${a.id}`, { parentId: a.id })).status).toBe(422);
    expect((await as(t.app, org.ownerToken).get(`/roles/${a.id}`)).body.data.parentId).toBeNull();
  });

  it("protects built-in roles: not renamed, re-permissioned or deleted (422)", async () => {
    const org = await t.createOrganization();
    const roles = (await as(t.app, org.ownerToken).get("/roles")).body.data as { id: string; name: string; builtIn: boolean }[];
    expect(roles.filter((r) => r.builtIn).map((r) => r.name)).toEqual(["admin", "member", "owner", "viewer"]);
    for (const role of roles) {
      expect((await as(t.app, org.ownerToken).delete(`/roles/${role.id}`)).status).toBe(422);
      expect((await as(t.app, org.ownerToken).patch(`/roles/${role.id}`, { name: "renamed" })).status).toBe(422);
      expect((await as(t.app, org.ownerToken).put(`/roles/${role.id}/permissions`, { permissions: [] })).status).toBe(422);
    }
  });

  it("grants only permissions the catalog declares (400 with details)", async () => {
    const org = await t.createOrganization();
    const res = await createRole(org.ownerToken, { name: "hacker", permissions: ["tenant.settings.read", "made.up.thing", "*"] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(["permissions.1", "permissions.2"]);
    expect(await t.outboxTypes(org.id)).toEqual([]);
  });

  it("answers 400 with details for a bad body, 409 for a taken name", async () => {
    const org = await t.createOrganization();
    const bad = await createRole(org.ownerToken, { name: "Has Spaces", colour: "red" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["colour", "name"]);
    expect((await createRole(org.ownerToken, { name: "admin" })).status).toBe(409);
  });

  it("deletes a custom role only when unused (409 while a member holds it)", async () => {
    const org = await t.createOrganization();
    const role = (await createRole(org.ownerToken, { name: "temp" })).body.data;
    const member = await t.addMember(org, ["temp"]);
    const inUse = await as(t.app, org.ownerToken).delete(`/roles/${role.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe("ROLE_IN_USE");
    await as(t.app, org.ownerToken).put(`/members/${member.userId}/roles`, { roles: ["member"] });
    expect((await as(t.app, org.ownerToken).delete(`/roles/${role.id}`)).status).toBe(204);
    expect(await t.outboxTypes(org.id)).toContain("user.role.deleted");
  });

  it("refuses 403 without users.role.create, and a member (not an admin) cannot create roles", async () => {
    const org = await t.createOrganization();
    const member = await t.token(org.id, org.ownerId, "member");
    expect((await createRole(member, { name: "sneaky" })).status).toBe(403);
    expect((await as(t.app, member).get("/roles")).status).toBe(200);
  });

  it("answers 404 for another organization's role, and lists only the caller's", async () => {
    const mine = await t.createOrganization();
    const theirs = await t.createOrganization();
    const role = (await createRole(theirs.ownerToken, { name: "secret" })).body.data;
    expect((await as(t.app, mine.ownerToken).get(`/roles/${role.id}`)).status).toBe(404);
    expect((await as(t.app, mine.ownerToken).patch(`/roles/${role.id}`, { name: "mine" })).status).toBe(404);
    expect((await as(t.app, mine.ownerToken).delete(`/roles/${role.id}`)).status).toBe(404);
    const names = (await as(t.app, mine.ownerToken).get("/roles")).body.data.map((r: { name: string }) => r.name);
    expect(names).not.toContain("secret");
  });
});
