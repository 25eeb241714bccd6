import { randomUUID } from "node:crypto";
import { inTransaction } from "@erp/db";
import { serviceScope } from "@erp/scope";
import { builtInRolePermissions } from "@erp/permissions";
import { stockedProduct, startMasterDataTestApp, type MasterDataTestApp } from "../../../test/harness";
import { permissions } from "../../permissions";
import { archiveProduct } from "./archive-product";
import { createProduct } from "./create-product";
import { recordReceipt } from "../stock/record-receipt";
import { receiptBody } from "../stock/stock.schemas";
import { createProductBody } from "./product.schemas";

let t: MasterDataTestApp;

/** Polls `condition` until it holds, for at most 10 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met within 10 s");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

const widget = { sku: "WID-1", name: "Widget", currency: "EUR", salePrice: "12.5", purchaseCost: "7.125", taxRate: "19", reorderLevel: "5" };

describe("products", () => {
  it("creates with 201, decimals as fixed-scale strings, and a created event", async () => {
    const org = await t.organization();
    const res = await org.api.post("/products", widget);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/master-data/products/${res.body.data.id}`);
    expect(res.body.data).toMatchObject({
      sku: "WID-1",
      type: "stock_item",
      unitOfMeasure: "unit",
      salePrice: "12.50",
      purchaseCost: "7.1250",
      taxRate: "19.00",
      reorderLevel: "5.000",
      status: "active",
    });
    const [event] = await t.outbox(org.id);
    expect(event?.event_type).toBe("master_data.product.created");
    expect(event?.envelope.data).toMatchObject({ sku: "WID-1", salePrice: "12.50" });
  });

  it.each([
    [{ ...widget, sku: undefined }, "sku"],
    [{ ...widget, salePrice: 12.5 }, "salePrice"],
    [{ ...widget, salePrice: "12.555" }, "salePrice"],
    [{ ...widget, salePrice: "-1" }, "salePrice"],
    [{ ...widget, taxRate: "101" }, "taxRate"],
    [{ ...widget, type: "bundle" }, "type"],
    [{ ...widget, active: true }, "active"],
  ])("refuses %j with 400 naming %s", async (body, field) => {
    const org = await t.organization();
    const res = await org.api.post("/products", body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect(await t.outboxTypes(org.id)).toEqual([]);
  });

  it("refuses a duplicate SKU with 409 (create and update)", async () => {
    const org = await t.organization();
    await org.api.post("/products", widget);
    expect((await org.api.post("/products", widget)).status).toBe(409);
    const other = (await org.api.post("/products", { ...widget, sku: "WID-2" })).body.data.id;
    expect((await org.api.patch(`/products/${other}`, { sku: "WID-1" })).status).toBe(409);
  });

  it("SKUs are unique ignoring case and surrounding spaces: 409 names the product that has it (create, update, CSV)", async () => {
    const org = await t.organization();
    const holder = (await org.api.post("/products", { ...widget, sku: "ABC-1" })).body.data;
    const twin = await org.api.post("/products", { ...widget, sku: " abc-1 " });
    expect(twin.status).toBe(409);
    expect(twin.body.error.details).toEqual([{ path: "sku", message: "Product ABC-1 already has this code", existing: { id: holder.id, code: "ABC-1" } }]);
    const other = (await org.api.post("/products", { ...widget, sku: "ABC-2" })).body.data.id;
    const renamed = await org.api.patch(`/products/${other}`, { sku: "Abc-1" });
    expect([renamed.status, renamed.body.error.details[0].existing]).toEqual([409, { id: holder.id, code: "ABC-1" }]);
    // Its own SKU in another case is a change of spelling, not a conflict.
    expect((await org.api.patch(`/products/${holder.id}`, { sku: "abc-1" })).body.data.sku).toBe("abc-1");
    const imported = await org.api.postCsv("/products/import", "sku,name,currency\n ABC-1 ,Twin,EUR\n");
    expect([imported.status, imported.body.error.details]).toEqual([422, [{ path: "rows.2.sku", message: "SKU abc-1 already exists" }]]);
    // Another organization may use the SKU.
    expect((await (await t.organization()).api.post("/products", { ...widget, sku: "abc-1" })).status).toBe(201);
    const listed = await org.api.get("/products?q=abc");
    expect(listed.body.data.map((p: { sku: string }) => p.sku).sort()).toEqual(["ABC-2", "abc-1"]);
  });

  it("concurrent creations of one SKU in different cases: one 201, the others 409 naming it", async () => {
    const org = await t.organization();
    const results = await Promise.all(["RACE-1", "race-1", "Race-1", " RACE-1", "race-1 "].map((sku) => org.api.post("/products", { ...widget, sku })));
    const winners = results.filter((res) => res.status === 201);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.body.data;
    for (const loser of results.filter((res) => res.status !== 201)) {
      expect([loser.status, loser.body.error.details[0].existing]).toEqual([409, { id: winner.id, code: winner.sku }]);
    }
  });

  it("without a currency a product gets the organization's base currency, also through CSV; unknown yet: 422", async () => {
    const org = await t.organization();
    const early = await org.api.post("/products", { sku: "E-1", name: "Early" });
    expect([early.status, early.body.error.code]).toEqual([422, "CURRENCY_REQUIRED"]);
    const earlyCsv = await org.api.postCsv("/products/import?dryRun=true", "sku,name,currency\nE-1,Early,\nE-2,Priced,\n");
    expect(earlyCsv.body.data.errors).toEqual([
      { path: "rows.2.currency", message: "Required until the organization's base currency is known" },
      { path: "rows.3.currency", message: "Required until the organization's base currency is known" },
    ]);
    expect((await org.api.postCsv("/products/import", "sku,name,currency\nE-1,Early,USD\n")).status).toBe(200);

    expect((await t.internal.put(`/organizations/${org.id}/settings`, { baseCurrency: "CHF" })).status).toBe(200);
    expect((await org.api.post("/products", { sku: "D-1", name: "Defaulted" })).body.data.currency).toBe("CHF");
    expect((await org.api.post("/products", { sku: "D-2", name: "Given", currency: "EUR" })).body.data.currency).toBe("EUR");
    const imported = await org.api.postCsv("/products/import", "sku,name,currency\nD-3,From file,\nD-4,Given,GBP\n");
    expect(imported.body.data.imported).toBe(2);
    const listed = (await org.api.get("/products?sort=sku")).body.data.map((p: { sku: string; currency: string }) => [p.sku, p.currency]);
    expect(listed).toEqual([["D-1", "CHF"], ["D-2", "EUR"], ["D-3", "CHF"], ["D-4", "GBP"], ["E-1", "USD"]]);
  });

  it("updates with a changed-fields event; a category of another organization is 422", async () => {
    const mine = await t.organization();
    const theirs = await t.organization();
    const id = (await mine.api.post("/products", widget)).body.data.id;
    const foreign = (await theirs.api.post("/categories", { name: "Theirs" })).body.data.id;
    expect((await mine.api.patch(`/products/${id}`, { categoryId: foreign })).status).toBe(422);
    const category = (await mine.api.post("/categories", { name: "Parts" })).body.data.id;
    const res = await mine.api.patch(`/products/${id}`, { categoryId: category, salePrice: "13.00" });
    expect(res.body.data).toMatchObject({ categoryId: category, salePrice: "13.00" });
    const updated = (await t.outbox(mine.id)).find((e) => e.event_type === "master_data.product.updated");
    expect(updated?.envelope.data.changedFields).toEqual(["categoryId", "salePrice"]);
    expect((await mine.api.get(`/products?categoryId=${category}`)).body.data.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  it("the use cases compose in the caller's transaction: when a later step fails, neither product nor event is committed", async () => {
    const org = await t.organization();
    const scope = serviceScope(org.id, "master-data");
    const input = createProductBody.parse(widget);
    const refused = await inTransaction(t.db, scope, async (tx) => {
      const product = await createProduct(tx, scope, input);
      return archiveProduct(tx, scope, { id: product.id }).then(() => archiveProduct(tx, scope, { id: product.id }));
    }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ status: 409, code: "INVALID_STATE" });
    expect((await org.api.get("/products")).body.data).toEqual([]);
    expect(await t.outboxTypes(org.id)).toEqual([]);

    const product = await inTransaction(t.db, scope, (tx) => createProduct(tx, scope, input));
    expect((await org.api.get(`/products/${product.id}`)).body.data).toMatchObject({ sku: "WID-1", status: "active" });
    const [event] = await t.outbox(org.id);
    expect(event?.envelope.actor).toEqual({ type: "service", id: "master-data" });
  });

  it("another organization's product is 404", async () => {
    const mine = await t.organization();
    const theirs = await t.organization();
    const id = (await theirs.api.post("/products", widget)).body.data.id;
    expect((await mine.api.get(`/products/${id}`)).status).toBe(404);
    expect((await mine.api.patch(`/products/${id}`, { name: "x" })).status).toBe(404);
    expect((await mine.api.post(`/products/${id}/archive`)).status).toBe(404);
    expect((await mine.api.delete(`/products/${id}`)).status).toBe(404);
  });

  it("deletes a product never used in stock (204); one with movements is 409 and can be archived", async () => {
    const org = await t.organization();
    const unused = (await org.api.post("/products", widget)).body.data.id;
    expect((await org.api.delete(`/products/${unused}`)).status).toBe(204);
    const ids = await stockedProduct(org.api, { onHand: "2" });
    const refused = await org.api.delete(`/products/${ids.productId}`);
    expect([refused.status, refused.body.error.message]).toEqual([409, "The product has stock movements; archive it instead"]);
    const archived = await org.api.post(`/products/${ids.productId}/archive`);
    expect(archived.body.data.status).toBe("archived");
    expect(await t.outboxTypes(org.id)).toContain("master_data.product.archived");
  });

  it("an archived product is read-only (409 INVALID_STATE) until restored, with a restored event", async () => {
    const org = await t.organization();
    const id = (await org.api.post("/products", widget)).body.data.id;
    expect((await org.api.post(`/products/${id}/restore`)).body.error).toMatchObject({ code: "INVALID_STATE", message: "The product is not archived" });
    expect((await org.api.post(`/products/${id}/archive`)).status).toBe(200);

    for (const refused of [
      await org.api.patch(`/products/${id}`, { name: "Renamed" }),
      await org.api.patch(`/products/${id}`, { name: "Widget" }),
      await org.api.delete(`/products/${id}`),
      await org.api.post(`/products/${id}/archive`),
    ]) {
      expect([refused.status, refused.body.error.code]).toEqual([409, "INVALID_STATE"]);
    }
    expect((await org.api.get(`/products/${id}`)).body.data).toMatchObject({ name: "Widget", status: "archived" });

    const restored = await org.api.post(`/products/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.data).toMatchObject({ status: "active", archivedAt: null });
    expect((await org.api.patch(`/products/${id}`, { name: "Renamed" })).body.data.name).toBe("Renamed");
    const events = await t.outbox(org.id);
    expect(events.map((e) => e.event_type)).toEqual([
      "master_data.product.created",
      "master_data.product.archived",
      "master_data.product.restored",
      "master_data.product.updated",
    ]);
    expect(events[2]?.envelope.data).toEqual({ sku: "WID-1", status: "active" });
  });

  it("restore: 403 without its permission, 404 for another organization's product, 400 for a malformed id", async () => {
    const org = await t.organization();
    const id = (await org.api.post("/products", widget)).body.data.id;
    await org.api.post(`/products/${id}/archive`);
    const archiver = t.api(await t.token(org.id, [permissions.productRead, permissions.productArchive, permissions.productUpdate]));
    expect((await archiver.post(`/products/${id}/restore`)).status).toBe(403);
    expect((await t.api(await t.viewerToken(org.id)).post(`/products/${id}/restore`)).status).toBe(403);
    expect((await (await t.organization()).api.post(`/products/${id}/restore`)).status).toBe(404);
    const malformed = await org.api.post("/products/not-a-uuid/restore");
    expect([malformed.status, malformed.body.error.details[0].path]).toEqual([400, "id"]);
    expect((await org.api.get(`/products/${id}`)).body.data.status).toBe("archived");
    // A member (built-in role) may restore.
    expect((await t.api(await t.token(org.id, builtInRolePermissions("member"))).post(`/products/${id}/restore`)).status).toBe(200);
  });

  it("a category filter includes the products of its subcategories unless includeDescendants=false (list and export)", async () => {
    const org = await t.organization();
    const category = async (name: string, parentId: string | null = null) => (await org.api.post("/categories", { name, parentId })).body.data.id as string;
    const hardware = await category("Hardware");
    const fasteners = await category("Fasteners", hardware);
    const screws = await category("Screws", fasteners);
    const garden = await category("Garden");
    for (const [sku, categoryId] of [["H-1", hardware], ["F-1", fasteners], ["S-1", screws], ["G-1", garden], ["N-1", null]] as const) {
      expect((await org.api.post("/products", { ...widget, sku, categoryId })).status).toBe(201);
    }
    const skus = async (query: string) => (await org.api.get(`/products?sort=sku&${query}`)).body.data.map((p: { sku: string }) => p.sku);
    expect(await skus(`categoryId=${hardware}`)).toEqual(["F-1", "H-1", "S-1"]);
    expect(await skus(`categoryId=${fasteners}`)).toEqual(["F-1", "S-1"]);
    expect(await skus(`categoryId=${hardware}&includeDescendants=false`)).toEqual(["H-1"]);
    expect(await skus(`categoryId=${screws}&includeDescendants=true`)).toEqual(["S-1"]);
    expect(await skus(`categoryId=${randomUUID()}`)).toEqual([]);
    expect((await org.api.get(`/products?categoryId=${hardware}&count=true&limit=1`)).body.page).toMatchObject({ total: 3, hasMore: true });
    const exported = (await org.api.get(`/products/export.csv?categoryId=${fasteners}&sort=sku`)).text.trimEnd().split("\n");
    expect(exported.slice(1).map((line: string) => line.split(",")[0])).toEqual(["F-1", "S-1"]);
    // Another organization's category filters nothing in: an empty list.
    expect((await (await t.organization()).api.get(`/products?categoryId=${hardware}`)).body.data).toEqual([]);

    const bad = await org.api.get(`/products?categoryId=${hardware}&includeDescendants=maybe`);
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, "includeDescendants"]);
  });

  it("the currency cannot change while the product has stock (409 PRODUCT_HAS_STOCK), through PATCH or an upsert", async () => {
    const org = await t.organization();
    const { productId, warehouseId } = await stockedProduct(org.api, { onHand: "3", unitCost: "2" });
    const refused = await org.api.patch(`/products/${productId}`, { currency: "USD", name: "Renamed" });
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([
      409,
      "PRODUCT_HAS_STOCK",
      [{ path: "currency", message: "The product has stock valued in EUR" }],
    ]);
    const sku = (await org.api.get(`/products/${productId}`)).body.data.sku;
    const upsert = await org.api.postCsv("/products/import?mode=upsert&dryRun=true", `sku,name,currency\n${sku},Widget,USD\n`);
    expect(upsert.body.data.errors).toEqual([{ path: "rows.2.currency", message: `Product ${sku} has stock valued in EUR: its currency cannot change` }]);
    // The same currency, or other fields, may change.
    expect((await org.api.patch(`/products/${productId}`, { currency: "EUR", name: "Renamed" })).body.data.name).toBe("Renamed");

    // Once the stock is gone (quantity and value 0), the currency may change.
    expect((await org.api.post("/stock/issues", { productId, warehouseId, quantity: "3" })).status).toBe(201);
    expect((await org.api.patch(`/products/${productId}`, { currency: "USD" })).body.data.currency).toBe("USD");
    // A product that never had stock, too.
    const fresh = (await org.api.post("/products", { ...widget, sku: "FRESH-1" })).body.data.id;
    expect((await org.api.patch(`/products/${fresh}`, { currency: "GBP" })).body.data.currency).toBe("GBP");
  });

  it("a currency change and a stock movement in flight wait for each other: neither values stock in a currency it is not", async () => {
    const org = await t.organization();
    const scope = serviceScope(org.id, "master-data");
    const waiting = async () => (await t.owner.query("SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted")).rows[0].n > 0;

    // A receipt not yet committed: the currency change waits for it, then sees its stock.
    const first = await stockedProduct(org.api);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let received = false;
    const receipt = inTransaction(t.db, scope, async (tx) => {
      await recordReceipt(tx, scope, receiptBody.parse({ ...first, quantity: "1", unitCost: "2" }));
      received = true;
      await held;
    });
    await until(async () => received);
    const change = org.api.patch(`/products/${first.productId}`, { currency: "USD" }).then((res) => res);
    await until(waiting);
    release();
    await receipt;
    expect((await change).body.error.code).toBe("PRODUCT_HAS_STOCK");

    // A currency change not yet committed: a receipt waits for it and values in the new currency.
    const second = await stockedProduct(org.api);
    const client = await t.owner.connect();
    try {
      await client.query("BEGIN");
      await client.query("UPDATE master_data.products SET currency = 'USD' WHERE id = $1", [second.productId]);
      const pending = org.api.post("/stock/receipts", { ...second, quantity: "1", unitCost: "2" }).then((res) => res);
      await until(waiting);
      await client.query("COMMIT");
      expect((await pending).status).toBe(201);
    } finally {
      client.release();
    }
    const moved = (await t.outbox(org.id)).filter((e) => e.event_type === "inventory.stock.moved" && e.envelope.data.productId === second.productId);
    expect(moved.map((e) => e.envelope.data.currency)).toEqual(["USD"]);
  });

  it("lists with search over SKU, name and barcode, type filter and pagination", async () => {
    const org = await t.organization();
    await org.api.post("/products", { ...widget, sku: "A-1", name: "Anvil", barcode: "4006381333931" });
    await org.api.post("/products", { ...widget, sku: "B-1", name: "Bolt" });
    await org.api.post("/products", { ...widget, sku: "C-1", name: "Consulting", type: "service" });
    expect((await org.api.get("/products?q=400638")).body.data.map((p: { sku: string }) => p.sku)).toEqual(["A-1"]);
    expect((await org.api.get("/products?type=service")).body.data.map((p: { sku: string }) => p.sku)).toEqual(["C-1"]);
    const first = await org.api.get("/products?limit=2&sort=-name");
    expect(first.body.data.map((p: { name: string }) => p.name)).toEqual(["Consulting", "Bolt"]);
    const second = await org.api.get(`/products?limit=2&sort=-name&cursor=${first.body.page.nextCursor}`);
    expect([second.body.data.map((p: { name: string }) => p.name), second.body.page.hasMore]).toEqual([["Anvil"], false]);
  });

  it("re-importing its own export in upsert mode leaves every product unchanged, archived ones included", async () => {
    const org = await t.organization();
    const category = (await org.api.post("/categories", { name: "Parts" })).body.data.id;
    for (const body of [
      { ...widget, categoryId: category, description: "Steel, 40 mm", barcode: "4006381333931" },
      { sku: "SVC-1", name: "Setup, per hour", type: "service", unitOfMeasure: "hour", currency: "EUR", salePrice: "80" },
      { sku: "F-1", name: "=1+2", description: '-3+HYPERLINK("http://x.test/","Click")', currency: "USD", purchaseCost: "0.0001", taxRate: null },
    ]) {
      expect((await org.api.post("/products", body)).status).toBe(201);
    }
    const archived = (await org.api.post("/products", { ...widget, sku: "OLD-1", name: "Old" })).body.data.id;
    await org.api.post(`/products/${archived}/archive`);
    const before = (await org.api.get("/products?sort=sku")).body.data;
    const events = await t.outboxTypes(org.id);
    const csv = (await org.api.get("/products/export.csv")).text;

    const dry = await org.api.postCsv("/products/import?mode=upsert&dryRun=true", csv);
    expect(dry.body.data).toMatchObject({ mode: "upsert", rowCount: 4, created: 0, updated: 0, unchanged: 4, errors: [] });
    expect(dry.body.data.rows.map((r: { action: string }) => r.action)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    const real = await org.api.postCsv("/products/import?mode=upsert", csv);
    expect(real.body.data).toMatchObject({ dryRun: false, imported: 0, unchanged: 4 });
    expect((await org.api.get("/products?sort=sku")).body.data).toEqual(before);
    expect(await t.outboxTypes(org.id)).toEqual(events);
  });

  it("an upsert matches SKUs ignoring case: the dry run says per row create, update (with the fields) or unchanged", async () => {
    const org = await t.organization();
    await org.api.post("/products", { ...widget, sku: "ABC-1" });
    await org.api.post("/products", { ...widget, sku: "ABC-2", name: "Second" });
    const file = [
      "sku,name,salePrice,currency,description",
      " abc-1 ,Widget,12.50,EUR,",
      "Abc-2,Second (new),13,EUR,Now described",
      "ABC-3,Third,1,EUR,",
    ].join("\n");
    const dry = await org.api.postCsv("/products/import?mode=upsert&dryRun=true", file);
    expect(dry.body.data.rows).toEqual([
      { row: 2, action: "unchanged", key: "abc-1" },
      { row: 3, action: "update", key: "Abc-2", changedFields: ["name", "description", "salePrice"] },
      { row: 4, action: "create", key: "ABC-3" },
    ]);
    const real = await org.api.postCsv("/products/import?mode=upsert", file);
    expect(real.body.data).toMatchObject({ imported: 2, created: 1, updated: 1, unchanged: 1 });
    const listed = (await org.api.get("/products?sort=sku")).body.data.map((p: { sku: string; name: string; salePrice: string; purchaseCost: string | null }) => [
      p.sku,
      p.name,
      p.salePrice,
      p.purchaseCost,
    ]);
    // Columns the file does not have keep their values (purchaseCost).
    expect(listed).toEqual([
      ["ABC-1", "Widget", "12.50", "7.1250"],
      ["ABC-2", "Second (new)", "13.00", "7.1250"],
      ["ABC-3", "Third", "1.00", null],
    ]);
    const updated = (await t.outbox(org.id)).find((e) => e.event_type === "master_data.product.updated");
    expect(updated?.envelope.data.changedFields).toEqual(["name", "description", "salePrice"]);

    // Archived products are read-only: a row changing one is a row error, the whole file is refused.
    const id = (await org.api.get("/products?q=ABC-3")).body.data[0].id;
    await org.api.post(`/products/${id}/archive`);
    const refused = await org.api.postCsv("/products/import?mode=upsert", "sku,name,currency\nabc-3,Renamed,EUR\nABC-4,New,EUR\n");
    expect([refused.status, refused.body.error.details]).toEqual([422, [{ path: "rows.2.sku", message: "Product ABC-3 is archived: restore it before changing it" }]]);
    expect((await org.api.get("/products?q=ABC-4")).body.data).toEqual([]);
    const badMode = await org.api.postCsv("/products/import?mode=merge", file);
    expect([badMode.status, badMode.body.error.details[0].path]).toEqual([400, "mode"]);
  });

  it("exports CSV and imports it all or nothing, with a dry run that writes nothing", async () => {
    const source = await t.organization();
    await source.api.post("/products", widget);
    await source.api.post("/products", { ...widget, sku: "WID-2", name: "Widget, large" });
    const csv = (await source.api.get("/products/export.csv")).text;

    const target = await t.organization();
    const dry = await target.api.postCsv("/products/import?dryRun=true", csv);
    expect(dry.body.data).toEqual({
      dryRun: true,
      mode: "create",
      delimiter: "comma",
      rowCount: 2,
      imported: 0,
      created: 2,
      updated: 0,
      unchanged: 0,
      rows: [
        { row: 2, key: "WID-1", action: "create" },
        { row: 3, key: "WID-2", action: "create" },
      ],
      errors: [],
    });
    expect((await target.api.get("/products")).body.data).toEqual([]);
    const real = await target.api.postCsv("/products/import", csv);
    expect(real.body.data.imported).toBe(2);
    expect((await target.api.get("/products?sort=sku")).body.data.map((p: { name: string }) => p.name)).toEqual(["Widget", "Widget, large"]);

    const bad = await target.api.postCsv("/products/import", `sku,name,currency,salePrice\nNEW-${randomUUID().slice(0, 4)},Fine,EUR,1.00\nWID-1,Dup,EUR,1\n`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ path: "rows.3.sku", message: "SKU WID-1 already exists" }]);
    expect((await target.api.get("/products")).body.data).toHaveLength(2);

    const unknownCategory = `sku,name,currency,salePrice,categoryId\nCAT-1,Orphan,EUR,1.00,${randomUUID()}\n`;
    const checked = await target.api.postCsv("/products/import?dryRun=true", unknownCategory);
    expect(checked.body.data.errors).toEqual([{ path: "rows.2.categoryId", message: "No such category" }]);
    expect((await target.api.postCsv("/products/import", unknownCategory)).status).toBe(422);
    expect((await target.api.get("/products")).body.data).toHaveLength(2);
  });
});
