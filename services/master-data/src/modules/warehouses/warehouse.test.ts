import { stockedProduct, startMasterDataTestApp, type MasterDataTestApp } from "../../../test/harness";
import { permissions } from "../../permissions";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

describe("warehouses", () => {
  it("the first warehouse becomes the default; an admin permission moves the default", async () => {
    const org = await t.organization();
    const main = await org.api.post("/warehouses", { code: "MAIN", name: "Main", address: { line1: "Dock 1", city: "Hamburg", country: "DE" } });
    expect(main.status).toBe(201);
    expect(main.body.data).toMatchObject({ code: "MAIN", isDefault: true, address: { city: "Hamburg" } });
    const second = await org.api.post("/warehouses", { code: "SECOND", name: "Second" });
    expect(second.body.data.isDefault).toBe(false);

    const member = t.api(await t.token(org.id, [permissions.warehouseRead, permissions.warehouseUpdate]));
    expect((await member.post(`/warehouses/${second.body.data.id}/set-default`)).status).toBe(403);
    expect((await org.api.post(`/warehouses/${second.body.data.id}/set-default`)).body.data.isDefault).toBe(true);
    const listed = await org.api.get("/warehouses?sort=code");
    expect(listed.body.data.map((w: { code: string; isDefault: boolean }) => [w.code, w.isDefault])).toEqual([
      ["MAIN", false],
      ["SECOND", true],
    ]);
  });

  it("refuses a duplicate code with 409 and bad input with 400", async () => {
    const org = await t.organization();
    await org.api.post("/warehouses", { code: "W1", name: "One" });
    expect((await org.api.post("/warehouses", { code: "W1", name: "Again" })).status).toBe(409);
    const bad = await org.api.post("/warehouses", { code: "", name: "x", isDefault: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["code", "isDefault"]);
  });

  it("codes are unique ignoring case and surrounding spaces: 409 names the warehouse that has it", async () => {
    const org = await t.organization();
    const holder = (await org.api.post("/warehouses", { code: "ABC-1", name: "One" })).body.data;
    const twin = await org.api.post("/warehouses", { code: " abc-1 ", name: "Twin" });
    expect(twin.status).toBe(409);
    expect(twin.body.error.details).toEqual([{ path: "code", message: "Warehouse ABC-1 already has this code", existing: { id: holder.id, code: "ABC-1" } }]);
    const other = (await org.api.post("/warehouses", { code: "ABC-2", name: "Two" })).body.data.id;
    const renamed = await org.api.patch(`/warehouses/${other}`, { code: "abc-1" });
    expect([renamed.status, renamed.body.error.details[0].existing]).toEqual([409, { id: holder.id, code: "ABC-1" }]);
    expect((await org.api.patch(`/warehouses/${holder.id}`, { code: "Abc-1" })).body.data.code).toBe("Abc-1");
    expect((await (await t.organization()).api.post("/warehouses", { code: "abc-1", name: "Elsewhere" })).status).toBe(201);

    const results = await Promise.all(["RACE", "race", "Race"].map((code) => org.api.post("/warehouses", { code, name: "Race" })));
    const winners = results.filter((res) => res.status === 201);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((res) => res.status !== 201)) {
      expect([loser.status, loser.body.error.details[0].existing.id]).toEqual([409, winners[0]!.body.data.id]);
    }
  });

  it("changes a warehouse; another organization's is 404", async () => {
    const mine = await t.organization();
    const theirs = await t.organization();
    const id = (await theirs.api.post("/warehouses", { code: "T", name: "Theirs" })).body.data.id;
    expect((await mine.api.get(`/warehouses/${id}`)).status).toBe(404);
    expect((await mine.api.patch(`/warehouses/${id}`, { name: "Mine" })).status).toBe(404);
    expect((await mine.api.post(`/warehouses/${id}/set-default`)).status).toBe(404);
    expect((await theirs.api.patch(`/warehouses/${id}`, { name: "Renamed", address: null })).body.data.name).toBe("Renamed");
  });

  it("publishes created, updated (with the changed fields) and deleted events; a new default updates both warehouses", async () => {
    const org = await t.organization();
    const main = (await org.api.post("/warehouses", { code: "MAIN", name: "Main" })).body.data.id;
    const north = (await org.api.post("/warehouses", { code: "NORTH", name: "North" })).body.data.id;
    const address = { line1: "Dock 2", line2: null, city: "Kiel", region: null, postalCode: null, country: "DE" };
    await org.api.patch(`/warehouses/${north}`, { name: "North" });
    await org.api.patch(`/warehouses/${north}`, { name: "North dock", address });
    await org.api.post(`/warehouses/${north}/set-default`);
    await org.api.post(`/warehouses/${north}/set-default`);
    expect((await org.api.delete(`/warehouses/${main}`)).status).toBe(204);

    const events = (await t.outbox(org.id)).map((e) => [e.event_type, e.aggregate_id, e.envelope.data]);
    expect(events).toEqual([
      ["master_data.warehouse.created", main, { code: "MAIN", name: "Main", address: null, isDefault: true }],
      ["master_data.warehouse.created", north, { code: "NORTH", name: "North", address: null, isDefault: false }],
      ["master_data.warehouse.updated", north, { code: "NORTH", name: "North dock", address, isDefault: false, changedFields: ["name", "address"] }],
      ["master_data.warehouse.updated", main, { code: "MAIN", name: "Main", address: null, isDefault: false, changedFields: ["isDefault"] }],
      ["master_data.warehouse.updated", north, { code: "NORTH", name: "North dock", address, isDefault: true, changedFields: ["isDefault"] }],
      ["master_data.warehouse.deleted", main, { code: "MAIN", name: "Main" }],
    ]);
  });

  it("deletes a warehouse that never held stock (204), refuses one with movements (409)", async () => {
    const org = await t.organization();
    const ids = await stockedProduct(org.api, { onHand: "1" });
    expect((await org.api.delete(`/warehouses/${ids.warehouseId}`)).status).toBe(409);
    expect(await t.outboxTypes(org.id)).not.toContain("master_data.warehouse.deleted");
    const empty = (await org.api.post("/warehouses", { code: "EMPTY", name: "Empty" })).body.data.id;
    expect((await org.api.delete(`/warehouses/${empty}`)).status).toBe(204);
  });
});
