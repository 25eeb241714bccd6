import { startMasterDataTestApp, type MasterDataTestApp } from "../../../test/harness";
import { permissions } from "../../permissions";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

describe("product categories", () => {
  it("builds a tree: 201 with Location, children filterable by parent", async () => {
    const org = await t.organization();
    const root = await org.api.post("/categories", { name: "Hardware" });
    expect(root.status).toBe(201);
    expect(root.headers.location).toBe(`/api/v1/master-data/categories/${root.body.data.id}`);
    const child = await org.api.post("/categories", { name: "Screws", parentId: root.body.data.id });
    expect(child.body.data.parentId).toBe(root.body.data.id);
    const children = await org.api.get(`/categories?parentId=${root.body.data.id}`);
    expect(children.body.data.map((c: { name: string }) => c.name)).toEqual(["Screws"]);
  });

  it("every category carries its path from the root and its depth, kept current through renames and moves", async () => {
    const org = await t.organization();
    const hardware = (await org.api.post("/categories", { name: "Hardware" })).body.data;
    expect([hardware.path, hardware.depth]).toEqual(["Hardware", 0]);
    const fasteners = (await org.api.post("/categories", { name: "Fasteners", parentId: hardware.id })).body.data;
    const screws = (await org.api.post("/categories", { name: "Screws", parentId: fasteners.id })).body.data;
    expect([screws.path, screws.depth]).toEqual(["Hardware / Fasteners / Screws", 2]);

    const listed = (await org.api.get("/categories?sort=name")).body.data.map((c: { name: string; path: string; depth: number }) => [c.name, c.path, c.depth]);
    expect(listed).toEqual([
      ["Fasteners", "Hardware / Fasteners", 1],
      ["Hardware", "Hardware", 0],
      ["Screws", "Hardware / Fasteners / Screws", 2],
    ]);
    await org.api.patch(`/categories/${hardware.id}`, { name: "Tools & Hardware" });
    expect((await org.api.get(`/categories/${screws.id}`)).body.data.path).toBe("Tools & Hardware / Fasteners / Screws");
    const moved = await org.api.patch(`/categories/${screws.id}`, { parentId: hardware.id });
    expect([moved.body.data.path, moved.body.data.depth]).toEqual(["Tools & Hardware / Screws", 1]);
    const root = await org.api.patch(`/categories/${screws.id}`, { parentId: null });
    expect([root.body.data.path, root.body.data.depth]).toEqual(["Screws", 0]);
  });

  it("names are unique among siblings regardless of case (409), but may repeat under other parents", async () => {
    const org = await t.organization();
    const a = (await org.api.post("/categories", { name: "Tools" })).body.data.id;
    const b = (await org.api.post("/categories", { name: "Garden" })).body.data.id;
    expect((await org.api.post("/categories", { name: "tools" })).status).toBe(409);
    expect((await org.api.post("/categories", { name: "Spare parts", parentId: a })).status).toBe(201);
    expect((await org.api.post("/categories", { name: "Spare parts", parentId: b })).status).toBe(201);
    expect((await org.api.post("/categories", { name: "SPARE PARTS", parentId: b })).status).toBe(409);
  });

  it("refuses with 422 a move that would make a cycle, and moving under itself", async () => {
    const org = await t.organization();
    const a = (await org.api.post("/categories", { name: "A" })).body.data.id;
    const b = (await org.api.post("/categories", { name: "B", parentId: a })).body.data.id;
    const c = (await org.api.post("/categories", { name: "C", parentId: b })).body.data.id;
    const cycle = await org.api.patch(`/categories/${a}`, { parentId: c });
    expect([cycle.status, cycle.body.error.details]).toEqual([422, [{ path: "parentId", message: "Would make a cycle" }]]);
    expect((await org.api.patch(`/categories/${a}`, { parentId: a })).status).toBe(422);
    expect((await org.api.get(`/categories/${a}`)).body.data.parentId).toBeNull();
    // A legal move and back to the root.
    expect((await org.api.patch(`/categories/${c}`, { parentId: a })).body.data.parentId).toBe(a);
    expect((await org.api.patch(`/categories/${c}`, { parentId: null })).body.data.parentId).toBeNull();
  });

  it("refuses a parent of another organization (422) and answers 404 for its categories", async () => {
    const mine = await t.organization();
    const theirs = await t.organization();
    const foreign = (await theirs.api.post("/categories", { name: "Theirs" })).body.data.id;
    expect((await mine.api.post("/categories", { name: "X", parentId: foreign })).status).toBe(422);
    expect((await mine.api.get(`/categories/${foreign}`)).status).toBe(404);
    expect((await mine.api.patch(`/categories/${foreign}`, { name: "Mine" })).status).toBe(404);
    expect((await mine.api.delete(`/categories/${foreign}`)).status).toBe(404);
  });

  it("deletes an empty category (204) but not one with children or products (409)", async () => {
    const org = await t.organization();
    const parent = (await org.api.post("/categories", { name: "Parent" })).body.data.id;
    const child = (await org.api.post("/categories", { name: "Child", parentId: parent })).body.data.id;
    expect((await org.api.delete(`/categories/${parent}`)).status).toBe(409);
    await org.api.post("/products", { sku: "P-1", name: "Thing", currency: "EUR", categoryId: child });
    expect((await org.api.delete(`/categories/${child}`)).status).toBe(409);
    const empty = (await org.api.post("/categories", { name: "Empty" })).body.data.id;
    expect((await org.api.delete(`/categories/${empty}`)).status).toBe(204);
    expect((await org.api.get(`/categories/${empty}`)).status).toBe(404);
  });

  it("publishes created, updated (with the changed fields; none when nothing changes) and deleted events", async () => {
    const org = await t.organization();
    const parent = (await org.api.post("/categories", { name: "Hardware" })).body.data.id;
    const id = (await org.api.post("/categories", { name: "Screws", parentId: parent })).body.data.id;
    await org.api.patch(`/categories/${id}`, { name: "Screws" });
    await org.api.patch(`/categories/${id}`, { name: "Bolts", parentId: null });
    // Refused deletes publish nothing.
    await org.api.post("/products", { sku: "B-1", name: "Bolt", currency: "EUR", categoryId: id });
    expect((await org.api.delete(`/categories/${id}`)).status).toBe(409);
    expect((await org.api.delete(`/categories/${parent}`)).status).toBe(204);

    const events = (await t.outbox(org.id)).filter((e) => e.event_type.startsWith("master_data.category."));
    expect(events.map((e) => [e.event_type, e.aggregate_id, e.envelope.data])).toEqual([
      ["master_data.category.created", parent, { name: "Hardware", parentId: null }],
      ["master_data.category.created", id, { name: "Screws", parentId: parent }],
      ["master_data.category.updated", id, { name: "Bolts", parentId: null, changedFields: ["name", "parentId"] }],
      ["master_data.category.deleted", parent, { name: "Hardware", parentId: null }],
    ]);
  });

  it("writes need the category permissions (403)", async () => {
    const org = await t.organization();
    const id = (await org.api.post("/categories", { name: "Tools" })).body.data.id;
    const reader = t.api(await t.token(org.id, [permissions.categoryRead, permissions.categoryCreate]));
    expect((await reader.post("/categories", { name: "Garden" })).status).toBe(201);
    expect((await reader.patch(`/categories/${id}`, { name: "Renamed" })).status).toBe(403);
    expect((await reader.delete(`/categories/${id}`)).status).toBe(403);
    expect((await t.api(await t.token(org.id, [permissions.categoryRead])).post("/categories", { name: "Pond" })).status).toBe(403);
    expect((await org.api.get(`/categories/${id}`)).body.data.name).toBe("Tools");
  });

  it("validates with 400 details", async () => {
    const org = await t.organization();
    const res = await org.api.post("/categories", { name: "", parentId: "nope" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["name", "parentId"]);
  });
});
