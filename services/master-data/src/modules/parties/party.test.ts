import { randomUUID } from "node:crypto";
import { inTransaction } from "@erp/db";
import { organizationIdOf, serviceScope } from "@erp/scope";
import { startMasterDataTestApp, type MasterDataTestApp } from "../../../test/harness";
import { permissions } from "../../permissions";
import { createParty } from "./create-party";
import { customers, suppliers } from "./party-kinds";

let t: MasterDataTestApp;
beforeAll(async () => {
  t = await startMasterDataTestApp();
});
afterAll(() => t.close());

const acme = {
  legalName: "Acme Trading GmbH",
  displayName: "Acme",
  email: "billing@acme.example",
  currency: "EUR",
  tags: ["wholesale", "eu"],
  billingAddress: { line1: "Hauptstr. 1", city: "Berlin", postalCode: "10115", country: "DE" },
};

describe.each([
  { kind: customers, path: "/customers", prefix: "CUS-" },
  { kind: suppliers, path: "/suppliers", prefix: "SUP-" },
])("$path", ({ kind, path, prefix }) => {
  const event = (verb: string) => `master_data.${kind.kind}.${verb}`;

  it("creates with 201, Location, a generated code and a created event carrying the snapshot", async () => {
    const org = await t.organization();
    const res = await org.api.post(path, acme);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/master-data${path}/${res.body.data.id}`);
    expect(res.body.data).toMatchObject({
      code: `${prefix}000001`,
      legalName: "Acme Trading GmbH",
      type: "company",
      paymentTermsDays: 30,
      status: "active",
      billingAddress: { line1: "Hauptstr. 1", line2: null, city: "Berlin", region: null, postalCode: "10115", country: "DE" },
    });
    expect((await org.api.post(path, { ...acme, code: undefined })).body.data.code).toBe(`${prefix}000002`);
    const [created] = await t.outbox(org.id);
    expect(created?.event_type).toBe(event("created"));
    expect(created?.aggregate_id).toBe(res.body.data.id);
    expect(created?.envelope.data).toMatchObject({ code: `${prefix}000001`, legalName: "Acme Trading GmbH", tags: ["wholesale", "eu"] });
    expect((await org.api.get(`${path}/${res.body.data.id}`)).body.data).toEqual(res.body.data);
  });

  it("without a currency the record gets the organization's base currency; before it is known: 422 CURRENCY_REQUIRED", async () => {
    const org = await t.organization();
    const { currency: _currency, ...noCurrency } = acme;
    const early = await org.api.post(path, noCurrency);
    expect([early.status, early.body.error.code, early.body.error.details]).toEqual([
      422,
      "CURRENCY_REQUIRED",
      [{ path: "currency", message: "Required until the organization's base currency is known" }],
    ]);
    const csv = "code,legalName,currency\nC-1,No currency,\n";
    expect((await org.api.postCsv(`${path}/import?dryRun=true`, csv)).body.data.errors).toEqual([
      { path: "rows.2.currency", message: "Required until the organization's base currency is known" },
    ]);

    expect((await t.internal.put(`/organizations/${org.id}/settings`, { baseCurrency: "CHF" })).status).toBe(200);
    const defaulted = await org.api.post(path, { ...noCurrency, code: "C-0" });
    expect([defaulted.status, defaulted.body.data.currency]).toEqual([201, "CHF"]);
    expect((await org.api.post(path, { ...acme, code: "C-9" })).body.data.currency).toBe("EUR");
    expect((await org.api.postCsv(`${path}/import`, csv)).body.data.imported).toBe(1);
    // In an upsert an empty currency keeps the record's own.
    const upsert = await org.api.postCsv(`${path}/import?mode=upsert`, "code,legalName,currency\nC-9,Acme Trading GmbH,\n");
    expect(upsert.body.data).toMatchObject({ updated: 0, unchanged: 1 });
    const listed = (await org.api.get(`${path}?sort=code`)).body.data.map((p: { code: string; currency: string }) => [p.code, p.currency]);
    expect(listed).toEqual([["C-0", "CHF"], ["C-1", "CHF"], ["C-9", "EUR"]]);
  });

  it("skips generated numbers already taken by a hand-given code", async () => {
    const org = await t.organization();
    await org.api.post(path, { ...acme, code: `${prefix}000001` });
    expect((await org.api.post(path, acme)).body.data.code).toBe(`${prefix}000002`);
  });

  it.each([
    [{ currency: "EUR" }, "legalName"],
    [{ ...acme, currency: "EURO" }, "currency"],
    [{ ...acme, email: "not-an-email" }, "email"],
    [{ ...acme, paymentTermsDays: -1 }, "paymentTermsDays"],
    [{ ...acme, billingAddress: { line1: "x", city: "y", country: "Germany" } }, "billingAddress.country"],
    [{ ...acme, status: "archived" }, "status"],
    [{ ...acme, id: randomUUID() }, "id"],
    [{ ...acme, code: "bad code!" }, "code"],
  ])("refuses %j with 400 naming %s and writes nothing", async (body, field) => {
    const org = await t.organization();
    const res = await org.api.post(path, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect(await t.outboxTypes(org.id)).toEqual([]);
  });

  it("refuses a duplicate code with 409; the same code in another organization is fine", async () => {
    const org = await t.organization();
    expect((await org.api.post(path, { ...acme, code: "ACME" })).status).toBe(201);
    const dup = await org.api.post(path, { ...acme, code: "ACME" });
    expect([dup.status, dup.body.error.code]).toEqual([409, "CONFLICT"]);
    expect((await (await t.organization()).api.post(path, { ...acme, code: "ACME" })).status).toBe(201);
  });

  it.each(["abc-1", " ABC-1 ", "Abc-1"])("a code differing only in case or surrounding spaces (%j) is taken: 409 naming the holder", async (code) => {
    const org = await t.organization();
    const holder = (await org.api.post(path, { ...acme, code: "ABC-1" })).body.data;
    const res = await org.api.post(path, { ...acme, code });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: "CONFLICT",
      details: [{ path: "code", message: `${kind.label} ABC-1 already has this code`, existing: { id: holder.id, code: "ABC-1" } }],
    });
    const other = (await org.api.post(path, { ...acme, code: "OTHER" })).body.data;
    const renamed = await org.api.patch(`${path}/${other.id}`, { code: "abc-1" });
    expect([renamed.status, renamed.body.error?.details?.[0]?.existing]).toEqual([409, { id: holder.id, code: "ABC-1" }]);
    // A party may change the case of its own code.
    expect((await org.api.patch(`${path}/${holder.id}`, { code: "abc-1" })).body.data.code).toBe("abc-1");
    expect((await org.api.get(`${path}?q=abc-1`)).body.data).toHaveLength(1);
  });

  it("the database refuses a twin code written past the checks (unique index on the normalised code)", async () => {
    const org = await t.organization();
    await org.api.post(path, { ...acme, code: "DB-1" });
    const twin = t.owner.query(
      `INSERT INTO master_data.parties (id, organization_id, kind, code, legal_name, display_name, type, payment_terms_days, currency, tags, updated_at)
       VALUES ($1, $2, $3, ' db-1', 'X', 'X', 'company', 30, 'EUR', '{}', now())`,
      [randomUUID(), org.id, kind.kind],
    );
    await expect(twin).rejects.toThrow(/parties_code_normalised_key/);
  });

  it("another organization's record is 404 for reads and writes", async () => {
    const mine = await t.organization();
    const theirs = await t.organization();
    const id = (await theirs.api.post(path, acme)).body.data.id;
    expect((await mine.api.get(`${path}/${id}`)).status).toBe(404);
    expect((await mine.api.patch(`${path}/${id}`, { notes: "mine now" })).status).toBe(404);
    expect((await mine.api.post(`${path}/${id}/archive`)).status).toBe(404);
    expect((await theirs.api.get(`${path}/${id}`)).body.data.notes).toBeNull();
  });

  it("is refused with 403 without the create permission", async () => {
    const org = await t.organization();
    const reader = t.api(await t.token(org.id, [kind.permissions.read]));
    expect((await reader.post(path, acme)).status).toBe(403);
  });

  it("updates fields, clears nullable ones, and writes updated with the changed fields only", async () => {
    const org = await t.organization();
    const id = (await org.api.post(path, acme)).body.data.id;
    const res = await org.api.patch(`${path}/${id}`, { displayName: "ACME", email: null, tags: ["eu"] });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ displayName: "ACME", email: null, tags: ["eu"] });
    const updated = (await t.outbox(org.id)).find((e) => e.event_type === event("updated"));
    expect(updated?.envelope.data.changedFields).toEqual(["displayName", "email", "tags"]);
    expect((await org.api.patch(`${path}/${id}`, {})).status).toBe(400);
    // Nothing changed: no event.
    await org.api.patch(`${path}/${id}`, { displayName: "ACME" });
    expect((await t.outboxTypes(org.id)).filter((type) => type === event("updated"))).toHaveLength(1);
  });

  it("archives as an action, once; archived records stay readable and filterable", async () => {
    const org = await t.organization();
    const id = (await org.api.post(path, acme)).body.data.id;
    await org.api.post(path, { ...acme, legalName: "Other Ltd" });
    const res = await org.api.post(`${path}/${id}/archive`);
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe("archived");
    expect(res.body.data.archivedAt).toEqual(expect.any(String));
    expect((await org.api.post(`${path}/${id}/archive`)).body.error.code).toBe("INVALID_STATE");
    expect(await t.outboxTypes(org.id)).toEqual([event("created"), event("created"), event("archived")]);
    const archived = await org.api.get(`${path}?status=archived`);
    expect(archived.body.data.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await org.api.get(`${path}?status=active`)).body.data).toHaveLength(1);
  });

  it("an archived record is read-only (409 INVALID_STATE on PATCH and CSV changes) until restored, with a restored event", async () => {
    const org = await t.organization();
    const id = (await org.api.post(path, { ...acme, code: "RO-1" })).body.data.id;
    expect((await org.api.post(`${path}/${id}/restore`)).body.error).toMatchObject({ code: "INVALID_STATE", message: `The ${kind.kind} is not archived` });
    await org.api.post(`${path}/${id}/archive`);
    for (const body of [{ legalName: "Renamed" }, { legalName: acme.legalName }]) {
      const refused = await org.api.patch(`${path}/${id}`, body);
      expect([refused.status, refused.body.error.code]).toEqual([409, "INVALID_STATE"]);
    }
    const changing = await org.api.postCsv(`${path}/import?mode=upsert&dryRun=true`, "code,legalName,currency\nro-1,Renamed,EUR\n");
    expect(changing.body.data.errors).toEqual([{ path: "rows.2.code", message: `${kind.label} RO-1 is archived: restore it before changing it` }]);
    expect((await org.api.postCsv(`${path}/import?mode=upsert`, "code,legalName,currency\nro-1,Renamed,EUR\n")).status).toBe(422);
    // A row that leaves it as it is may match it (re-importing an export that lists archived records).
    const unchanged = await org.api.postCsv(`${path}/import?mode=upsert`, `code,legalName,currency\nRO-1,${acme.legalName},EUR\n`);
    expect(unchanged.body.data).toMatchObject({ unchanged: 1, updated: 0, errors: [] });
    expect((await org.api.get(`${path}/${id}`)).body.data).toMatchObject({ legalName: acme.legalName, status: "archived" });

    const member = t.api(await t.token(org.id, [kind.permissions.read, kind.permissions.update, kind.permissions.archive]));
    expect((await member.post(`${path}/${id}/restore`)).status).toBe(403);
    expect((await (await t.organization()).api.post(`${path}/${id}/restore`)).status).toBe(404);
    expect((await org.api.post(`${path}/nope/restore`)).status).toBe(400);
    const restored = await org.api.post(`${path}/${id}/restore`);
    expect([restored.status, restored.body.data.status, restored.body.data.archivedAt]).toEqual([200, "active", null]);
    expect((await org.api.patch(`${path}/${id}`, { legalName: "Renamed" })).body.data.legalName).toBe("Renamed");
    expect(await t.outboxTypes(org.id)).toEqual([event("created"), event("archived"), event("restored"), event("updated")]);
    const restoredEvent = (await t.outbox(org.id)).find((e) => e.event_type === event("restored"));
    expect(restoredEvent?.envelope.data).toEqual({ code: "RO-1", status: "active" });
  });

  it("lists with cursor pagination, sorting, tag filter and search", async () => {
    const org = await t.organization();
    for (const name of ["Delta", "alpha", "Charlie", "bravo", "Echo"]) {
      await org.api.post(path, { ...acme, legalName: `${name} Corp`, displayName: name, tags: name === "Echo" ? ["vip"] : [] });
    }
    const seen: string[] = [];
    let cursor = "";
    do {
      const res = await org.api.get(`${path}?limit=2&sort=-code${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.page.limit).toBe(2);
      seen.push(...res.body.data.map((p: { code: string }) => p.code));
      cursor = res.body.page.nextCursor ?? "";
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1].map((n) => `${prefix}00000${n}`));

    expect((await org.api.get(`${path}?tag=vip`)).body.data.map((p: { displayName: string }) => p.displayName)).toEqual(["Echo"]);
    expect((await org.api.get(`${path}?q=ALPH`)).body.data.map((p: { displayName: string }) => p.displayName)).toEqual(["alpha"]);
    await org.api.post(path, { ...acme, legalName: "100% Cotton_Co", displayName: "Cotton" });
    // % and _ are text to find, not wildcards.
    for (const q of ["%", "_", "0%", "n_C"]) {
      expect((await org.api.get(`${path}?q=${encodeURIComponent(q)}`)).body.data.map((p: { displayName: string }) => p.displayName)).toEqual(["Cotton"]);
    }
    expect((await org.api.get(`${path}?q=${encodeURIComponent("a%o")}`)).body.data).toEqual([]);
    expect((await org.api.get(`${path}?sort=secret`)).status).toBe(400);
    expect((await org.api.get(`${path}?limit=500`)).status).toBe(400);
    const first = await org.api.get(`${path}?limit=1&sort=code`);
    expect((await org.api.get(`${path}?sort=-code&cursor=${first.body.page.nextCursor}`)).status).toBe(400);
  });

  it("exports CSV that the import reads back", async () => {
    const source = await t.organization();
    await source.api.post(path, { ...acme, code: "A-1", notes: "=HYPERLINK(\"x\")" });
    await source.api.post(path, { ...acme, code: "A-2", legalName: "Second, Ltd", tags: [] });
    const exported = await source.api.get(`${path}/export.csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers["content-type"]).toMatch(/^text\/csv/);
    expect(exported.headers["content-disposition"]).toBe(`attachment; filename="${kind.kind}s.csv"`);
    const csv = exported.text;
    expect(csv.split("\n")[0]).toContain("code,legalName,displayName");
    expect(csv).toContain(`"Second, Ltd"`);
    expect(csv).toContain(`'=HYPERLINK`); // defused for spreadsheets

    const target = await t.organization();
    const res = await target.api.postCsv(`${path}/import`, csv);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ dryRun: false, mode: "create", delimiter: "comma", rowCount: 2, imported: 2, created: 2, errors: [] });
    const imported = (await target.api.get(`${path}?sort=code`)).body.data;
    expect(imported.map((p: { code: string }) => p.code)).toEqual(["A-1", "A-2"]);
    expect(imported[0].notes).toBe('=HYPERLINK("x")'); // the quote the export added is gone again
    expect(await t.outboxTypes(target.id)).toEqual([event("created"), event("created")]);
  });

  it("streams a large export batch by batch (chunked, no length known up front), every row once", async () => {
    const org = await t.organization();
    const total = 1_234; // three batches of 500
    await t.owner.query(
      `INSERT INTO master_data.parties (id, organization_id, kind, code, legal_name, display_name, type, payment_terms_days, currency, tags, updated_at)
       SELECT gen_random_uuid(), $1, $2, 'BULK-' || lpad(n::text, 5, '0'), 'Bulk ' || n, 'Bulk ' || n, 'company', 30, 'EUR', '{}', now()
       FROM generate_series(1, $3) AS n`,
      [org.id, kind.kind, total],
    );
    const res = await org.api.get(`${path}/export.csv?sort=-code`);
    expect(res.status).toBe(200);
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    expect(res.headers["content-length"]).toBeUndefined();
    const codes = res.text.trimEnd().split("\n").slice(1).map((line) => line.split(",")[0]);
    expect(codes).toHaveLength(total);
    expect(codes[0]).toBe("BULK-01234");
    expect(codes.at(-1)).toBe("BULK-00001");
    expect(new Set(codes).size).toBe(total);
  });

  it.each([
    ['-1+HYPERLINK("http://x.test/","Click")', `"'-1+HYPERLINK(""http://x.test/"",""Click"")"`],
    ["-3+4", "'-3+4"],
    ["=1+1", "'=1+1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["-12.50", "-12.50"],
  ])("the export neutralises a name of %j as %s", async (name, cell) => {
    const org = await t.organization();
    await org.api.post(path, { ...acme, code: "F-1", legalName: name, displayName: name });
    const [, row] = (await org.api.get(`${path}/export.csv`)).text.split("\n");
    expect(row?.startsWith(`F-1,${cell},${cell},company,`)).toBe(true);
  });

  it("re-importing its own export in upsert mode updates what changed and leaves the rest (matching codes ignoring case)", async () => {
    const org = await t.organization();
    const first = (await org.api.post(path, { ...acme, code: "UP-1", phone: "+49 30 1", creditLimit: kind.kind === "customer" ? "100.5" : undefined })).body.data;
    await org.api.post(path, { ...acme, code: "UP-2", legalName: "Two Ltd" });
    const exported = (await org.api.get(`${path}/export.csv?sort=code`)).text;
    const lines = exported.trimEnd().split("\n");
    // In the spreadsheet: UP-2's legal name changes, its code is typed in lower case, UP-1 stays; a new row is added.
    const edited = [lines[0], lines[1], lines[2]?.replace("UP-2,Two Ltd", "up-2,Two Limited"), lines[2]?.replace("UP-2,Two Ltd", "UP-3,Three")].join("\n");

    const dry = await org.api.postCsv(`${path}/import?mode=upsert&dryRun=true`, edited);
    expect(dry.status).toBe(200);
    expect(dry.body.data).toMatchObject({ dryRun: true, mode: "upsert", created: 1, updated: 1, unchanged: 1, imported: 0, errors: [] });
    expect(dry.body.data.rows).toEqual([
      { row: 2, action: "unchanged", key: "UP-1" },
      { row: 3, action: "update", key: "up-2", changedFields: ["legalName"] },
      { row: 4, action: "create", key: "UP-3" },
    ]);
    expect(await t.outboxTypes(org.id)).toEqual([event("created"), event("created")]);

    const real = await org.api.postCsv(`${path}/import?mode=upsert`, edited);
    expect(real.body.data).toMatchObject({ dryRun: false, imported: 2, created: 1, updated: 1, unchanged: 1 });
    const after = (await org.api.get(`${path}?sort=code`)).body.data;
    expect(after.map((p: { code: string; legalName: string }) => [p.code, p.legalName])).toEqual([
      ["UP-1", "Acme Trading GmbH"],
      ["UP-2", "Two Limited"],
      ["UP-3", "Three"],
    ]);
    expect(after[0]).toEqual(first);
    expect(await t.outboxTypes(org.id)).toEqual([event("created"), event("created"), event("updated"), event("created")]);
    const updated = (await t.outbox(org.id)).find((e) => e.event_type === event("updated"));
    expect(updated?.envelope.data.changedFields).toEqual(["legalName"]);

    // In create mode the same file is refused: the codes exist (in any case).
    const create = await org.api.postCsv(`${path}/import?dryRun=true`, edited);
    expect(create.body.data.errors).toEqual(
      expect.arrayContaining([{ path: "rows.3.code", message: `${kind.label} code UP-2 already exists` }]),
    );
  });

  it("takes the file uploaded from a form (multipart/form-data), as Swagger UI's file picker sends it", async () => {
    const org = await t.organization();
    const res = await org.api
      .post(`${path}/import?dryRun=true`)
      .attach("file", Buffer.from("code;legalName;currency\nU-1;Uploaded GmbH;EUR\n"), { filename: "parties.csv", contentType: "text/csv" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ delimiter: "semicolon", created: 1, rows: [{ row: 2, action: "create", key: "U-1" }], errors: [] });
  });

  it("reads semicolon- and tab-separated files and says which it read", async () => {
    const org = await t.organization();
    const semicolon = await org.api.postCsv(`${path}/import`, "code;legalName;currency;tags\nS-1;Semi, Colon;EUR;\"a;b\"\n");
    expect(semicolon.body.data).toMatchObject({ delimiter: "semicolon", imported: 1, errors: [] });
    const tab = await org.api.postCsv(`${path}/import?dryRun=true`, "code\tlegalName\tcurrency\nT-1\tTab Co\tEUR\n");
    expect(tab.body.data).toMatchObject({ delimiter: "tab", created: 1, errors: [] });
    expect((await org.api.get(`${path}?q=S-1`)).body.data[0]).toMatchObject({ legalName: "Semi, Colon", tags: ["a", "b"] });
  });

  it("an import dry run reports row-level errors and writes nothing", async () => {
    const org = await t.organization();
    await org.api.post(path, { ...acme, code: "TAKEN" });
    const csv = [
      "code,legalName,currency,email,paymentTermsDays,tags",
      "NEW-1,Good One,EUR,a@b.example,14,x;y",
      "TAKEN,Clash,EUR,,,",
      "NEW-2,,EUR,not-an-email,abc,",
      "NEW-1,Repeat,EUR,,,",
    ].join("\n");
    const res = await org.api.postCsv(`${path}/import?dryRun=true`, csv);
    expect(res.status).toBe(200);
    expect(res.body.data.dryRun).toBe(true);
    expect(res.body.data.rowCount).toBe(4);
    expect(res.body.data.imported).toBe(0);
    expect(res.body.data.errors).toEqual([
      { path: "rows.3.code", message: `${kind.label} code TAKEN already exists` },
      { path: "rows.4.legalName", message: expect.any(String) },
      { path: "rows.4.email", message: expect.any(String) },
      { path: "rows.4.paymentTermsDays", message: expect.any(String) },
      { path: "rows.5.code", message: `${kind.label} code NEW-1 is repeated (first on row 2)` },
    ]);
    expect(res.body.data.rows).toEqual([{ row: 2, action: "create", key: "NEW-1" }]);
    expect((await org.api.get(path)).body.data).toHaveLength(1);
    expect(await t.outboxTypes(org.id)).toEqual([event("created")]);

    // The real import refuses the file with the dry run's errors as its details: one shape for both.
    const real = await org.api.postCsv(`${path}/import`, csv);
    expect(real.status).toBe(422);
    expect(real.body.error).toMatchObject({ code: "IMPORT_INVALID_ROWS", details: res.body.data.errors });
    expect((await org.api.get(path)).body.data).toHaveLength(1);

    const clean = await org.api.postCsv(`${path}/import?dryRun=true`, "code,legalName,currency\nOK-1,Fine,EUR\n");
    expect(clean.body.data).toEqual({
      dryRun: true,
      mode: "create",
      delimiter: "comma",
      rowCount: 1,
      imported: 0,
      created: 1,
      updated: 0,
      unchanged: 0,
      rows: [{ row: 2, action: "create", key: "OK-1" }],
      errors: [],
    });
    expect((await org.api.get(path)).body.data).toHaveLength(1);
  });

  it("an import refuses unknown columns, and JSON bodies with 415", async () => {
    const org = await t.organization();
    const res = await org.api.postCsv(`${path}/import?dryRun=true`, "code,legalName,currency,secret\nX,Y,EUR,1\n");
    expect(res.body.data.errors).toEqual([{ path: "rows.1.secret", message: "Unknown column" }]);
    expect((await org.api.post(`${path}/import`, { csv: "x" })).status).toBe(415);
    // A CSV body where JSON is expected is still refused.
    expect((await org.api.postCsv(path, "code\nX\n")).status).toBe(415);
  });
});

describe("lists under row-level security use their indexes", () => {
  it("a first page reads the code index and q reads the trigram index, as the application role", async () => {
    const org = await t.organization();
    await t.owner.query(
      `INSERT INTO master_data.parties (id, organization_id, kind, code, legal_name, display_name, type, payment_terms_days, currency, tags, updated_at)
       SELECT gen_random_uuid(), $1, CASE WHEN n % 2 = 0 THEN 'customer' ELSE 'supplier' END::master_data.party_kind,
              'P-' || lpad(n::text, 5, '0'), 'Company ' || md5(n::text), 'Party ' || n, 'company', 30, 'EUR', '{}', now()
       FROM generate_series(1, 20000) AS n`,
      [org.id],
    );
    // As autovacuum leaves a table: statistics taken, the trigram index's pending list merged.
    await t.owner.query("VACUUM ANALYZE master_data.parties");
    const plan = (sql: string, ...values: unknown[]) =>
      t.db.withOrganization(organizationIdOf(org.id), async (tx) =>
        (await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, ...values)).map((row) => row["QUERY PLAN"]).join("\n"),
      );
    const page = `SELECT * FROM parties WHERE organization_id = $1::uuid AND kind = 'customer'::party_kind`;
    expect(await plan(`${page} ORDER BY code, id LIMIT 51`, org.id)).toContain("parties_organization_id_code_id_idx");
    const search = await plan(`${page} AND search_text ILIKE $2 ORDER BY code, id LIMIT 51`, org.id, "%c4ca4238a0b9%");
    expect(search).toContain("parties_search_trgm_idx");
  });
});

describe("customers only", () => {
  it("have a credit limit (a decimal string); suppliers refuse one", async () => {
    const org = await t.organization();
    const customer = await org.api.post("/customers", { ...acme, creditLimit: "5000.5" });
    expect(customer.body.data.creditLimit).toBe("5000.50");
    expect((await org.api.post("/customers", { ...acme, creditLimit: 5000 })).status).toBe(400);
    const supplier = await org.api.post("/suppliers", { ...acme, creditLimit: "1.00" });
    expect([supplier.status, supplier.body.error.details]).toEqual([400, [{ path: "creditLimit", message: "Unknown field" }]]);
    expect((await org.api.post("/suppliers", acme)).body.data).not.toHaveProperty("creditLimit");
  });

  it("a supplier permission does not reach customers", async () => {
    const org = await t.organization();
    const buyer = t.api(await t.token(org.id, [permissions.supplierRead, permissions.supplierCreate]));
    expect((await buyer.post("/suppliers", acme)).status).toBe(201);
    expect((await buyer.post("/customers", acme)).status).toBe(403);
    expect((await buyer.get("/customers")).status).toBe(403);
  });

  it("creating with a source reference is idempotent (what the crm.lead.converted consumer will call)", async () => {
    const org = await t.organization();
    const scope = serviceScope(org.id, "master-data");
    const input = { legalName: "Lead Co", currency: "EUR", type: "company" as const, paymentTermsDays: 30, tags: [] };
    const create = () => inTransaction(t.db, scope, (tx) => createParty(tx, scope, customers, input, { sourceReference: "crm.lead:42" }));
    const [a, b] = await Promise.all([create(), create()]);
    expect(a.party.id).toBe(b.party.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await t.outboxTypes(org.id)).toEqual(["master_data.customer.created"]);
  });
});
