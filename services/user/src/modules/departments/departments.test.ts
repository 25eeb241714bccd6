import { as, startUserTestApp, type UserTestApp } from "../../../test/harness";

let t: UserTestApp;
beforeAll(async () => {
  t = await startUserTestApp();
});
afterAll(() => t.close());

const create = (token: string, body: object) => as(t.app, token).post("/departments", body);

describe("departments", () => {
  it("builds a tree and refuses a parent that would close a cycle (422)", async () => {
    const org = await t.createOrganization();
    const top = await create(org.ownerToken, { name: "Operations" });
    expect(top.status).toBe(201);
    const middle = (await create(org.ownerToken, { name: "Logistics", parentId: top.body.data.id })).body.data;
    const leaf = (await create(org.ownerToken, { name: "Warehouse", parentId: middle.id })).body.data;
    const cycle = await as(t.app, org.ownerToken).patch(`/departments/${top.body.data.id}`, { parentId: leaf.id });
    expect(cycle.status).toBe(422);
    expect((await as(t.app, org.ownerToken).get("/departments")).body.data.map((d: { name: string; parentId: string | null }) => [d.name, d.parentId])).toEqual([
      ["Logistics", top.body.data.id],
      ["Operations", null],
      ["Warehouse", middle.id],
    ]);
    expect(await t.outboxTypes(org.id)).toEqual(["user.department.created", "user.department.created", "user.department.created"]);
  });

  it("deletes a leaf (204) but not a department with sub-departments (409)", async () => {
    const org = await t.createOrganization();
    const top = (await create(org.ownerToken, { name: "Finance" })).body.data;
    const leaf = (await create(org.ownerToken, { name: "Payables", parentId: top.id })).body.data;
    expect((await as(t.app, org.ownerToken).delete(`/departments/${top.id}`)).status).toBe(409);
    expect((await as(t.app, org.ownerToken).delete(`/departments/${leaf.id}`)).status).toBe(204);
    expect((await as(t.app, org.ownerToken).delete(`/departments/${top.id}`)).status).toBe(204);
  });

  it("answers 400 with details, 403 for a member, 404 for another organization's department", async () => {
    const org = await t.createOrganization();
    const theirs = await t.createOrganization();
    const bad = await create(org.ownerToken, { name: "", parentId: "nope" });
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["name", "parentId"]);
    expect((await create(await t.token(org.id, org.ownerId, "member"), { name: "Shadow IT" })).status).toBe(403);
    const foreign = (await create(theirs.ownerToken, { name: "Secret Lab" })).body.data;
    expect((await as(t.app, org.ownerToken).get(`/departments/${foreign.id}`)).status).toBe(404);
    expect((await create(org.ownerToken, { name: "Child", parentId: foreign.id })).status).toBe(422);
  });
});
