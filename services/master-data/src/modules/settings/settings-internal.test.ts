import request from "supertest";
import { startMasterDataTestApp, type MasterDataTestApp } from "../../../test/harness";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

describe("internal settings route", () => {
  it("sets the copied settings one at a time; the others keep their values", async () => {
    const org = await t.organization();
    const first = await t.internal.put(`/organizations/${org.id}/settings`, { baseCurrency: "SEK" });
    expect([first.status, first.body.data]).toEqual([200, { allowNegativeStock: false, defaultWarehouseId: null, baseCurrency: "SEK" }]);
    const second = await t.internal.put(`/organizations/${org.id}/settings`, { allowNegativeStock: true });
    expect(second.body.data).toEqual({ allowNegativeStock: true, defaultWarehouseId: null, baseCurrency: "SEK" });
    expect((await org.api.post("/products", { sku: "S-1", name: "Swedish" })).body.data.currency).toBe("SEK");
  });

  it.each([
    [{}, ""],
    [{ baseCurrency: "XYZ" }, "baseCurrency"],
    [{ baseCurrency: "sek" }, "baseCurrency"],
    [{ allowNegativeStock: "yes" }, "allowNegativeStock"],
    [{ defaultWarehouseId: null }, "defaultWarehouseId"],
  ])("refuses %j with 400", async (body, path) => {
    const org = await t.organization();
    const res = await t.internal.put(`/organizations/${org.id}/settings`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it("requires the internal key", async () => {
    const org = await t.organization();
    const res = await request(t.app).put(`/internal/organizations/${org.id}/settings`).send({ baseCurrency: "SEK" });
    expect(res.status).toBe(401);
  });
});
