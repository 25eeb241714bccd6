/**
 * /tax-rates through the finance app and a real database: validation (400 with details), permissions
 * (403), organizations (404), the tax account rules and default, names unique, archive/restore,
 * delete, the list's filters, and requireUsableTaxRate for documents.
 */
import { AppError } from "@erp/errors";
import { inTransaction } from "@erp/db";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { asService } from "../../events";
import { requireUsableTaxRate } from "./manage-tax-rates";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

const create = async (api: Api, body: Record<string, unknown>) => {
  const res = await api.post("/tax-rates", body);
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; name: string; rate: string; taxAccount: { id: string; code: string } };
};

describe("POST /tax-rates", () => {
  it("creates a rate; without taxAccountId, sales (and both) post to the first tax liability, purchase to the first tax asset", async () => {
    const org = t.organization();
    const res = await org.api.post("/tax-rates", { name: "VAT 20%", rate: "20", appliesTo: "sales", description: "Standard rate" });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/finance/tax-rates/${res.body.data.id}`);
    expect(res.body.data).toMatchObject({
      name: "VAT 20%",
      rate: "20.0000",
      appliesTo: "sales",
      taxAccount: { code: "2200", name: "Sales tax payable" },
      description: "Standard rate",
      status: "active",
      archivedAt: null,
    });
    expect((await create(org.api, { name: "Input VAT 7.7%", rate: "7.7", appliesTo: "purchase" })).taxAccount.code).toBe("1400");
    expect((await create(org.api, { name: "Both 0%", rate: "0", appliesTo: "both" })).taxAccount.code).toBe("2200");
    const input = await t.account(org.api, "1400");
    expect((await create(org.api, { name: "Reverse charge", rate: "8.1", appliesTo: "both", taxAccountId: input.id })).taxAccount.code).toBe("1400");
    expect((await org.api.get(`/tax-rates/${res.body.data.id}`)).body.data).toEqual(res.body.data);
  });

  it("400 with details for what the schema refuses, before anything is written", async () => {
    const org = t.organization();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "A", rate: "100.5", appliesTo: "sales" }, "rate"],
      [{ name: "A", rate: "-1", appliesTo: "sales" }, "rate"],
      [{ name: "A", rate: "20.00001", appliesTo: "sales" }, "rate"],
      [{ name: "A", rate: 20, appliesTo: "sales" }, "rate"],
      [{ name: " ", rate: "20", appliesTo: "sales" }, "name"],
      [{ name: "A", rate: "20", appliesTo: "everything" }, "appliesTo"],
      [{ name: "A", rate: "20", appliesTo: "sales", taxAccountId: "2200" }, "taxAccountId"],
      [{ name: "A", rate: "20", appliesTo: "sales", extra: true }, ""],
    ];
    for (const [body, path] of cases) {
      const res = await org.api.post("/tax-rates", body);
      expect([JSON.stringify(body), res.status, res.body.error.code]).toEqual([JSON.stringify(body), 400, "VALIDATION_FAILED"]);
      expect(res.body.error.details.some((d: { path: string }) => d.path === path || (path === "" && d.path !== undefined))).toBe(true);
    }
    expect((await org.api.get("/tax-rates")).body.data).toEqual([]);
  });

  it("422 for a tax account that is unknown, another organization's, a group, archived or not of subtype tax", async () => {
    const org = t.organization();
    const other = t.organization();
    const body = { name: "VAT", rate: "20", appliesTo: "sales" };
    const theirs = await t.account(other.api, "2200");
    const group = (await org.api.get("/accounts?isGroup=true&type=liability&limit=1")).body.data[0];
    const bank = await t.account(org.api, "1110");
    const spare = await org.api.post("/accounts", { code: "2210", name: "Old VAT", type: "liability", subtype: "tax" });
    expect(spare.status).toBe(201);
    expect((await org.api.post(`/accounts/${spare.body.data.id}/archive`)).status).toBe(200);
    const refusals: [string, string, string][] = [
      [theirs.id, "UNKNOWN_TAX_ACCOUNT", "No such account"],
      [group.id, "INVALID_TAX_ACCOUNT", "is a group account"],
      [bank.id, "INVALID_TAX_ACCOUNT", "is not of subtype tax"],
      [spare.body.data.id, "INVALID_TAX_ACCOUNT", "is archived"],
    ];
    for (const [taxAccountId, code, message] of refusals) {
      const res = await org.api.post("/tax-rates", { ...body, taxAccountId });
      expect([res.status, res.body.error.code, res.body.error.details]).toEqual([422, code, [{ path: "taxAccountId", message }]]);
    }
    expect((await org.api.get("/tax-rates")).body.data).toEqual([]);
  });

  it("names are unique in an organization (409), not across organizations", async () => {
    const org = t.organization();
    await create(org.api, { name: "VAT 20%", rate: "20", appliesTo: "sales" });
    const again = await org.api.post("/tax-rates", { name: "VAT 20%", rate: "19", appliesTo: "sales" });
    expect([again.status, again.body.error.code, again.body.error.details]).toEqual([409, "CONFLICT", [{ path: "name", message: "Taken" }]]);
    const [a, b] = await Promise.all([
      org.api.post("/tax-rates", { name: "Race", rate: "1", appliesTo: "sales" }),
      org.api.post("/tax-rates", { name: "Race", rate: "2", appliesTo: "sales" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    await create(t.organization().api, { name: "VAT 20%", rate: "20", appliesTo: "sales" });
  });

  it("403 without finance.tax_rate.manage, before validation; a viewer reads", async () => {
    const org = t.organization();
    await create(org.api, { name: "VAT 20%", rate: "20", appliesTo: "sales" });
    const viewer = t.api(t.viewerToken(org.id));
    expect((await viewer.post("/tax-rates", {})).status).toBe(403);
    expect((await viewer.post("/tax-rates", { name: "X", rate: "1", appliesTo: "sales" })).status).toBe(403);
    const list = await viewer.get("/tax-rates");
    expect([list.status, list.body.data.length]).toEqual([200, 1]);
    const id = list.body.data[0].id;
    for (const res of [await viewer.patch(`/tax-rates/${id}`, { rate: "1" }), await viewer.post(`/tax-rates/${id}/archive`), await viewer.delete(`/tax-rates/${id}`)]) {
      expect(res.status).toBe(403);
    }
    expect((await t.api(t.token(org.id, [])).get("/tax-rates")).status).toBe(403);
    expect((await org.api.get(`/tax-rates/${id}`)).body.data).toMatchObject({ rate: "20.0000", status: "active" });
  });
});

describe("GET, PATCH, archive, restore, DELETE /tax-rates/{id}", () => {
  it("another organization's rate is 404 for every route and stays as it was", async () => {
    const org = t.organization();
    const other = t.organization();
    const rate = await create(org.api, { name: "VAT 20%", rate: "20", appliesTo: "sales" });
    expect((await other.api.get(`/tax-rates/${rate.id}`)).status).toBe(404);
    expect((await other.api.patch(`/tax-rates/${rate.id}`, { rate: "1" })).status).toBe(404);
    expect((await other.api.post(`/tax-rates/${rate.id}/archive`)).status).toBe(404);
    expect((await other.api.post(`/tax-rates/${rate.id}/restore`)).status).toBe(404);
    expect((await other.api.delete(`/tax-rates/${rate.id}`)).status).toBe(404);
    expect((await other.api.get("/tax-rates")).body.data).toEqual([]);
    expect((await org.api.get(`/tax-rates/${rate.id}`)).body.data).toMatchObject({ rate: "20.0000", status: "active" });
    expect((await org.api.get("/tax-rates/not-a-uuid")).status).toBe(400);
  });

  it("changes a rate: name, rate, account, scope; 400 for an empty change, 409 for a taken name, 422 for a bad account", async () => {
    const org = t.organization();
    const rate = await create(org.api, { name: "VAT 20%", rate: "20", appliesTo: "sales" });
    await create(org.api, { name: "VAT 10%", rate: "10", appliesTo: "sales" });
    const input = await t.account(org.api, "1400");
    const res = await org.api.patch(`/tax-rates/${rate.id}`, { name: "VAT 19%", rate: "19", appliesTo: "both", taxAccountId: input.id, description: null });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: "VAT 19%", rate: "19.0000", appliesTo: "both", taxAccount: { id: input.id, code: "1400" }, description: null });
    const empty = await org.api.patch(`/tax-rates/${rate.id}`, {});
    expect([empty.status, empty.body.error.details.length > 0]).toEqual([400, true]);
    expect((await org.api.patch(`/tax-rates/${rate.id}`, { name: "VAT 10%" })).status).toBe(409);
    const bank = await t.account(org.api, "1110");
    expect((await org.api.patch(`/tax-rates/${rate.id}`, { taxAccountId: bank.id })).body.error.code).toBe("INVALID_TAX_ACCOUNT");
    expect((await org.api.patch(`/tax-rates/${rate.id}`, { name: "VAT 19%" })).status).toBe(200);
  });

  it("archives and restores (409 INVALID_STATE twice); the list filters by status and use; delete answers 204 then 404", async () => {
    const org = t.organization();
    const sales = await create(org.api, { name: "B sales", rate: "20", appliesTo: "sales" });
    const purchase = await create(org.api, { name: "A purchase", rate: "20", appliesTo: "purchase" });
    const both = await create(org.api, { name: "C both", rate: "5", appliesTo: "both" });
    const archived = await org.api.post(`/tax-rates/${sales.id}/archive`);
    expect(archived.body.data).toMatchObject({ status: "archived" });
    expect(archived.body.data.archivedAt).not.toBeNull();
    expect((await org.api.post(`/tax-rates/${sales.id}/archive`)).body.error.code).toBe("INVALID_STATE");
    const names = async (query: string) => (await org.api.get(`/tax-rates${query}`)).body.data.map((r: { name: string }) => r.name);
    expect(await names("")).toEqual(["A purchase", "B sales", "C both"]);
    expect(await names("?status=active")).toEqual(["A purchase", "C both"]);
    expect(await names("?status=archived")).toEqual(["B sales"]);
    expect(await names("?usableFor=sales")).toEqual(["B sales", "C both"]);
    expect(await names("?usableFor=purchase&status=active")).toEqual(["A purchase", "C both"]);
    expect((await org.api.get("/tax-rates?count=true")).body.page).toMatchObject({ total: 3 });
    expect((await org.api.get("/tax-rates?status=gone")).status).toBe(400);
    expect((await org.api.post(`/tax-rates/${sales.id}/restore`)).body.data).toMatchObject({ status: "active", archivedAt: null });
    expect((await org.api.post(`/tax-rates/${sales.id}/restore`)).body.error.code).toBe("INVALID_STATE");
    expect((await org.api.delete(`/tax-rates/${both.id}`)).status).toBe(204);
    expect((await org.api.get(`/tax-rates/${both.id}`)).status).toBe(404);
    expect((await org.api.delete(`/tax-rates/${both.id}`)).status).toBe(404);
    expect(await names("")).toEqual(["A purchase", "B sales"]);
    expect(purchase.taxAccount.code).toBe("1400");
  });
});

describe("requireUsableTaxRate (for documents)", () => {
  it("answers the rate for its use; 422 naming the field when unknown, another organization's, archived or for the other side", async () => {
    const org = t.organization();
    const other = t.organization();
    const sales = await create(org.api, { name: "VAT 20%", rate: "20", appliesTo: "sales" });
    const purchase = await create(org.api, { name: "Input 8.1%", rate: "8.1", appliesTo: "purchase" });
    const theirs = await create(other.api, { name: "VAT 20%", rate: "20", appliesTo: "both" });
    const scope = asService(org.id);
    const use = (id: string, usage: "sales" | "purchase") =>
      inTransaction(t.db, scope, (tx) => requireUsableTaxRate(tx, scope, { id, usage, path: "lines.1.taxRateId" })).then(
        (rate) => rate,
        (error: unknown) => {
          if (error instanceof AppError) return { status: error.status, code: error.code, details: error.details };
          throw error;
        },
      );
    expect(await use(sales.id, "sales")).toEqual({ id: sales.id, name: "VAT 20%", rate: "20.0000", taxAccountId: sales.taxAccount.id });
    const detail = (message: string) => [{ path: "lines.1.taxRateId", message }];
    expect(await use(purchase.id, "sales")).toEqual({ status: 422, code: "TAX_RATE_NOT_APPLICABLE", details: detail("Not a sales tax rate") });
    expect(await use(theirs.id, "sales")).toEqual({ status: 422, code: "UNKNOWN_TAX_RATE", details: detail("No such tax rate") });
    await org.api.post(`/tax-rates/${sales.id}/archive`);
    expect(await use(sales.id, "sales")).toEqual({ status: 422, code: "TAX_RATE_ARCHIVED", details: detail("The tax rate is archived") });
  });
});
