/** The chart of accounts through HTTP: the default chart, CRUD, the tree's rules, archive, CSV. */
import { uuidv7 } from "@erp/db";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

async function expense(api: Api, code: string, extra: object = {}) {
  const parent = await t.account(api, "6000");
  const res = await api.post("/accounts", { code, name: `Account ${code}`, type: "expense", parentId: parent.id, ...extra });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; code: string };
}

describe("the default chart", () => {
  it("an organization finance never heard of gets it on first use, in its base currency, looked up once", async () => {
    const org = await t.organization({ baseCurrency: "JPY", fiscalYearStartMonth: 4 });
    const [first, second] = await Promise.all([org.api.get("/accounts?limit=200"), org.api.get("/accounts/tree")]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const codes = (first.body.data as { code: string }[]).map((a) => a.code);
    expect(codes).toEqual(expect.arrayContaining(["1000", "1120", "1200", "2110", "2200", "3200", "4100", "5100", "7100", "7200"]));
    expect(new Set(codes).size).toBe(codes.length);
    const bank = await t.account(org.api, "1120");
    expect(bank).toMatchObject({ type: "asset", subtype: "bank", isGroup: false, currency: "JPY", normalBalance: "debit" });
    expect(await t.account(org.api, "2110")).toMatchObject({ type: "liability", subtype: "payable", currency: null, normalBalance: "credit" });
    const roots = (second.body.data as { code: string; children: { code: string }[] }[]).map((node) => node.code);
    expect(roots).toEqual(["1000", "2000", "3000", "4000", "5000", "6000", "7000"]);
    await org.api.get("/accounts");
    expect(t.directoryCalls.filter((id) => id === org.id).length).toBeLessThanOrEqual(2);
    const { rows } = await t.owner.query("SELECT base_currency, fiscal_year_start_month FROM finance.ledger_settings WHERE organization_id = $1", [org.id]);
    expect(rows).toEqual([{ base_currency: "JPY", fiscal_year_start_month: 4 }]);
    const created = (await t.outboxTypes(org.id)).filter((type) => type === "finance.account.created");
    expect(created.length).toBe(codes.length);
  });

  it("an organization the tenant service does not know answers 503 LEDGER_UNAVAILABLE, and nothing is created", async () => {
    const org = await t.organization();
    t.profiles.set(org.id, null);
    const res = await org.api.get("/accounts");
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("LEDGER_UNAVAILABLE");
    const { rows } = await t.owner.query("SELECT count(*)::int AS n FROM finance.accounts WHERE organization_id = $1", [org.id]);
    expect(rows[0].n).toBe(0);
  });
});

describe("POST /accounts", () => {
  it("creates an account under a group, with its created event and Location", async () => {
    const org = await t.organization();
    const parent = await t.account(org.api, "6000");
    const res = await org.api.post("/accounts", { code: "6150", name: "Software", type: "expense", subtype: "operating_expense", parentId: parent.id });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/finance/accounts/${res.body.data.id}`);
    expect(res.body.data).toMatchObject({ code: "6150", name: "Software", type: "expense", isGroup: false, parentId: parent.id, status: "active", normalBalance: "debit" });
    const events = await t.outbox(org.id);
    const event = events.find((e) => e.aggregate_id === res.body.data.id);
    expect(event?.event_type).toBe("finance.account.created");
    expect(event?.envelope.data).toMatchObject({ code: "6150", type: "expense", subtype: "operating_expense", status: "active" });
  });

  it("refuses a code another account has, ignoring case and spaces, naming it (409)", async () => {
    const org = await t.organization();
    const first = await expense(org.api, "ABC-1");
    const res = await org.api.post("/accounts", { code: " abc-1 ", name: "Dup", type: "expense" });
    expect(res.status).toBe(409);
    expect(res.body.error.details[0]).toEqual({ path: "code", message: expect.any(String), existing: { id: first.id, code: "ABC-1" } });
  });

  it.each([
    [{ code: "", name: "x", type: "expense" }, "code"],
    [{ code: "9000", name: "x", type: "revenue" }, "type"],
    [{ code: "9000", name: "x", type: "expense", subtype: "nonsense" }, "subtype"],
    [{ code: "9000", name: "x", type: "expense", currency: "XXY" }, "currency"],
    [{ code: "9000", name: "x", type: "expense", parentId: "not-a-uuid" }, "parentId"],
    [{ code: "9000", name: "x", type: "expense", organizationId: uuidv7() }, "organizationId"],
  ])("answers 400 naming the field for %j", async (body, field) => {
    const org = await t.organization();
    const res = await org.api.post("/accounts", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("refuses a subtype that does not suit the type, and a parent that is not a group of the same type (422)", async () => {
    const org = await t.organization();
    const bank = await t.account(org.api, "1120");
    const assets = await t.account(org.api, "1000");
    const cases: [object, string][] = [
      [{ code: "9001", name: "x", type: "expense", subtype: "receivable" }, "SUBTYPE_NOT_ALLOWED"],
      [{ code: "9002", name: "x", type: "asset", parentId: bank.id }, "PARENT_NOT_GROUP"],
      [{ code: "9003", name: "x", type: "expense", parentId: assets.id }, "PARENT_TYPE_MISMATCH"],
      [{ code: "9004", name: "x", type: "asset", parentId: uuidv7() }, "UNKNOWN_PARENT"],
    ];
    for (const [body, code] of cases) {
      const res = await org.api.post("/accounts", body);
      expect([code, res.status, res.body.error.code]).toEqual([code, 422, code]);
    }
  });

  it("is refused without finance.account.manage (403), before validation", async () => {
    const org = await t.organization();
    const res = await t.api(await t.viewerToken(org.id)).post("/accounts", {});
    expect(res.status).toBe(403);
  });
});

describe("GET, PATCH, archive, restore, DELETE /accounts/{id}", () => {
  it("reads an account with its zero balance; another organization's is 404", async () => {
    const org = await t.organization();
    const other = await t.organization();
    const account = await expense(org.api, "6151");
    const res = await org.api.get(`/accounts/${account.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data.balance).toEqual({ currency: "EUR", debit: "0.00", credit: "0.00", balance: "0.00" });
    expect((await other.api.get(`/accounts/${account.id}`)).status).toBe(404);
    expect((await other.api.patch(`/accounts/${account.id}`, { name: "x" })).status).toBe(404);
    expect((await other.api.post(`/accounts/${account.id}/archive`)).status).toBe(404);
    expect((await other.api.delete(`/accounts/${account.id}`)).status).toBe(404);
    expect((await org.api.get("/accounts/not-a-uuid")).status).toBe(400);
  });

  it("renames and moves an account; the event lists what changed; no change writes nothing", async () => {
    const org = await t.organization();
    const account = await expense(org.api, "6152");
    const other = await t.account(org.api, "7000");
    const res = await org.api.patch(`/accounts/${account.id}`, { name: "Renamed", parentId: other.id });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: "Renamed", parentId: other.id });
    const same = await org.api.patch(`/accounts/${account.id}`, { name: "Renamed" });
    expect(same.status).toBe(200);
    const updates = (await t.outbox(org.id)).filter((e) => e.event_type === "finance.account.updated");
    expect(updates.map((e) => e.envelope.data.changedFields)).toEqual([["name", "parentId"]]);
    expect((await org.api.patch(`/accounts/${account.id}`, {})).status).toBe(400);
  });

  it("refuses moving a group under itself or a descendant, and changing the type of a group that holds accounts", async () => {
    const org = await t.organization();
    const top = await t.account(org.api, "6000");
    const group = await expense(org.api, "6900", { isGroup: true });
    await expense(org.api, "6910", { parentId: group.id });
    expect((await org.api.patch(`/accounts/${top.id}`, { parentId: group.id })).body.error.code).toBe("ACCOUNT_CYCLE");
    expect((await org.api.patch(`/accounts/${group.id}`, { parentId: group.id })).body.error.code).toBe("ACCOUNT_CYCLE");
    const retype = await org.api.patch(`/accounts/${group.id}`, { type: "income", parentId: null });
    expect([retype.status, retype.body.error.code]).toEqual([422, "ACCOUNT_HAS_CHILDREN"]);
    const ungroup = await org.api.patch(`/accounts/${group.id}`, { isGroup: false });
    expect([ungroup.status, ungroup.body.error.code]).toEqual([422, "ACCOUNT_HAS_CHILDREN"]);
  });

  it("changes the type of an unused account with its parent, but not under a group of another type", async () => {
    const org = await t.organization();
    const account = await expense(org.api, "6153");
    const income = await t.account(org.api, "4000");
    const mismatch = await org.api.patch(`/accounts/${account.id}`, { type: "income" });
    expect([mismatch.status, mismatch.body.error.code]).toEqual([422, "PARENT_TYPE_MISMATCH"]);
    const res = await org.api.patch(`/accounts/${account.id}`, { type: "income", parentId: income.id });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ type: "income", normalBalance: "credit" });
  });

  it("archives an unused account (once), hides it from the active list, restores it; a group with active accounts stays", async () => {
    const org = await t.organization();
    const group = await expense(org.api, "6700G", { isGroup: true });
    const account = await expense(org.api, "6701", { parentId: group.id });
    expect((await org.api.post(`/accounts/${group.id}/archive`)).body.error.code).toBe("ACCOUNT_HAS_ACTIVE_CHILDREN");
    const archived = await org.api.post(`/accounts/${account.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.data).toMatchObject({ status: "archived", archivedAt: expect.any(String) });
    expect((await org.api.post(`/accounts/${account.id}/archive`)).status).toBe(409);
    const active = await org.api.get("/accounts?status=active&limit=200");
    expect((active.body.data as { id: string }[]).map((a) => a.id)).not.toContain(account.id);
    expect((await org.api.post(`/accounts/${group.id}/archive`)).status).toBe(200);
    expect((await org.api.post(`/accounts/${account.id}/restore`)).body.error.code).toBe("PARENT_ARCHIVED");
    expect((await org.api.post(`/accounts/${group.id}/restore`)).status).toBe(200);
    expect((await org.api.post(`/accounts/${account.id}/restore`)).body.data.status).toBe("active");
    expect((await org.api.post(`/accounts/${account.id}/restore`)).status).toBe(409);
    const types = await t.outboxTypes(org.id);
    expect(types.filter((type) => type === "finance.account.archived").length).toBe(2);
    expect(types.filter((type) => type === "finance.account.restored").length).toBe(2);
  });

  it("deletes an unused account; one holding accounts is refused (409)", async () => {
    const org = await t.organization();
    const group = await expense(org.api, "6800G", { isGroup: true });
    const account = await expense(org.api, "6801", { parentId: group.id });
    expect((await org.api.delete(`/accounts/${group.id}`)).status).toBe(409);
    expect((await org.api.delete(`/accounts/${account.id}`)).status).toBe(204);
    expect((await org.api.get(`/accounts/${account.id}`)).status).toBe(404);
    expect(await t.outboxTypes(org.id)).toContain("finance.account.deleted");
  });

  it("a viewer reads but may not change, archive or delete (403)", async () => {
    const org = await t.organization();
    const account = await expense(org.api, "6154");
    const viewer = t.api(await t.viewerToken(org.id));
    expect((await viewer.get(`/accounts/${account.id}`)).status).toBe(200);
    expect((await viewer.patch(`/accounts/${account.id}`, { name: "x" })).status).toBe(403);
    expect((await viewer.post(`/accounts/${account.id}/archive`)).status).toBe(403);
    expect((await viewer.post(`/accounts/${account.id}/restore`)).status).toBe(403);
    expect((await viewer.delete(`/accounts/${account.id}`)).status).toBe(403);
  });
});

describe("GET /accounts", () => {
  it("filters by type, subtype, group and parent, searches code and name, pages by code", async () => {
    const org = await t.organization();
    const byQuery = async (query: string) => ((await org.api.get(`/accounts?${query}`)).body.data as { code: string }[]).map((a) => a.code);
    expect(await byQuery("subtype=receivable")).toEqual(["1200"]);
    expect(await byQuery("type=equity&isGroup=false")).toEqual(["3100", "3200", "3300"]);
    expect(await byQuery("q=payable")).toEqual(["2110", "2200", "2400"]);
    const group = await t.account(org.api, "1700");
    expect(await byQuery(`parentId=${group.id}`)).toEqual(["1710", "1790"]);
    const first = await org.api.get("/accounts?limit=2&count=true");
    expect(first.body.data.map((a: { code: string }) => a.code)).toEqual(["1000", "1100"]);
    expect(first.body.page.total).toBeGreaterThan(40);
    const next = await org.api.get(`/accounts?limit=2&cursor=${first.body.page.nextCursor}`);
    expect(next.body.data.map((a: { code: string }) => a.code)).toEqual(["1110", "1120"]);
    expect((await org.api.get("/accounts?type=nonsense")).status).toBe(400);
    expect((await org.api.get("/accounts?unknown=1")).status).toBe(400);
  });
});

describe("CSV", () => {
  it("exports the chart parents first, and the same file imports into another organization (dry run first)", async () => {
    const source = await t.organization();
    await expense(source.api, "6155", { description: "=cmd()" });
    const exported = await source.api.get("/accounts/export.csv");
    expect(exported.status).toBe(200);
    expect(exported.headers["content-type"]).toMatch(/text\/csv/);
    const lines = exported.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe("code,name,type,subtype,isGroup,parentCode,currency,description");
    expect(lines.indexOf(lines.find((l) => l.startsWith("6000,"))!)).toBeLessThan(lines.indexOf(lines.find((l) => l.startsWith("6155,"))!));
    expect(exported.text).toContain("'=cmd()");

    const target = await t.organization();
    const onlyNew = [lines[0], ...lines.filter((l) => l.startsWith("6155,"))].join("\n");
    const dryRun = await target.api.postCsv("/accounts/import?dryRun=true", onlyNew);
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.data).toMatchObject({ dryRun: true, rowCount: 1, created: 1, imported: 0, errors: [] });
    expect((await target.api.get("/accounts?q=6155")).body.data).toEqual([]);
    const real = await target.api.postCsv("/accounts/import", onlyNew);
    expect(real.body.data).toMatchObject({ imported: 1, created: 1 });
    const imported = await t.account(target.api, "6155");
    expect(imported).toMatchObject({ type: "expense", parentId: (await t.account(target.api, "6000")).id, description: "=cmd()" });
  });

  it("a file naming parents on earlier rows creates the subtree; upsert updates matching codes; bad rows refuse everything (422)", async () => {
    const org = await t.organization();
    const csv = [
      "code,name,type,isGroup,parentCode",
      "8000,Projects,expense,true,",
      "8100,Project A,expense,false,8000",
    ].join("\n");
    expect((await org.api.postCsv("/accounts/import", csv)).body.data).toMatchObject({ created: 2 });
    const upsert = await org.api.postCsv("/accounts/import?mode=upsert", "code,name\n8100,Project Alpha\n8200,Project B");
    expect(upsert.status).toBe(422);
    expect(upsert.body.error.code).toBe("IMPORT_INVALID_ROWS");
    const fixed = await org.api.postCsv("/accounts/import?mode=upsert", "code,name,type,parentCode\n8100,Project Alpha,expense,8000\n8200,Project B,expense,8000");
    expect(fixed.body.data).toMatchObject({ created: 1, updated: 1 });
    expect(fixed.body.data.rows[0]).toMatchObject({ action: "update", changedFields: ["name"] });

    const bad = [
      "code,name,type,isGroup,parentCode",
      "8300,Child first,expense,false,8400",
      "8400,Parent later,expense,true,",
      "8500,Under a posting account,expense,false,8100",
      "8600,Wrong type,income,false,8000",
      "8700,Bad flag,expense,maybe,",
    ].join("\n");
    const refused = await org.api.postCsv("/accounts/import", bad);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      "rows.2.parentCode",
      "rows.4.parentCode",
      "rows.5.parentCode",
      "rows.6.isGroup",
    ]);
    expect((await org.api.get("/accounts?q=84")).body.data).toEqual([]);
    expect((await t.api(await t.viewerToken(org.id)).postCsv("/accounts/import", csv)).status).toBe(403);
  });
});
