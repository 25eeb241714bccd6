/** Journal entries through HTTP: drafts, posting and its rules, numbering, reversal, multi-currency, the internal route, integrity. */
import { uuidv7 } from "@erp/db";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp({ poolMax: 20 });
});
afterAll(() => t.close());

type Org = Awaited<ReturnType<FinanceTestApp["organization"]>>;
interface Accounts {
  bank: string;
  cash: string;
  sales: string;
  rent: string;
  prepaid: string;
  expenses: string;
  rounding: string;
}

async function accountsOf(api: Api): Promise<Accounts> {
  const id = async (code: string) => (await t.account(api, code)).id;
  return {
    bank: await id("1120"),
    cash: await id("1110"),
    sales: await id("4100"),
    rent: await id("6200"),
    prepaid: await id("1600"),
    expenses: await id("6000"),
    rounding: await id("7200"),
  };
}

const debit = (accountId: string, amount: string, extra: object = {}) => ({ accountId, debit: amount, ...extra });
const credit = (accountId: string, amount: string, extra: object = {}) => ({ accountId, credit: amount, ...extra });

async function draft(api: Api, body: object) {
  const res = await api.post("/journal-entries", body);
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string };
}

async function post(api: Api, body: object) {
  const { id } = await draft(api, body);
  const res = await api.post(`/journal-entries/${id}/post`);
  if (res.status !== 200) throw new Error(`post: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; number: string; hash: string; lines: { accountId: string; baseDebit: string; baseCredit: string }[] };
}

let org: Org;
let a: Accounts;
beforeAll(async () => {
  org = await t.organization();
  a = await accountsOf(org.api);
});

describe("drafts", () => {
  it("creates a draft with no number, which may be unbalanced, then edits and deletes it", async () => {
    const res = await org.api.post("/journal-entries", { date: "2026-03-10", memo: "Rent", lines: [debit(a.rent, "1200.00"), credit(a.bank, "1000")] });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/finance/journal-entries/${res.body.data.id}`);
    expect(res.body.data).toMatchObject({ status: "draft", number: null, hash: null, date: "2026-03-10", memo: "Rent", baseCurrency: "EUR" });
    expect(res.body.data.lines).toMatchObject([
      { lineNumber: 1, accountId: a.rent, debit: "1200.00", credit: "0.00", currency: "EUR", exchangeRate: "1", baseDebit: "1200.00" },
      { lineNumber: 2, accountId: a.bank, debit: "0.00", credit: "1000.00", currency: "EUR" },
    ]);
    const id = res.body.data.id;
    const edited = await org.api.patch(`/journal-entries/${id}`, { date: "2026-03-11", lines: [debit(a.rent, "1000"), credit(a.bank, "1000")], memo: null });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ date: "2026-03-11", memo: null });
    expect(edited.body.data.lines.map((l: { debit: string; credit: string }) => [l.debit, l.credit])).toEqual([
      ["1000.00", "0.00"],
      ["0.00", "1000.00"],
    ]);
    expect((await org.api.delete(`/journal-entries/${id}`)).status).toBe(204);
    expect((await org.api.get(`/journal-entries/${id}`)).status).toBe(404);
    expect(await t.outboxTypes(org.id)).not.toContain("finance.journal_entry.posted");
  });

  it.each([
    [{ date: "2026-02-30", lines: [] }, "date"],
    [{ date: "2026-03-01", lines: [{ accountId: "x", debit: "1" }] }, "lines.0.accountId"],
    [{ date: "2026-03-01", lines: [{ accountId: uuidv7(), debit: "1", credit: "1" }] }, "lines.0.debit"],
    [{ date: "2026-03-01", lines: [{ accountId: uuidv7() }] }, "lines.0.debit"],
    [{ date: "2026-03-01", lines: [{ accountId: uuidv7(), debit: "-5" }] }, "lines.0.debit"],
    [{ date: "2026-03-01", lines: [{ accountId: uuidv7(), debit: "0" }] }, "lines.0.debit"],
    [{ date: "2026-03-01", lines: [{ accountId: uuidv7(), debit: "1", currency: "EURO" }] }, "lines.0.currency"],
    [{ date: "2026-03-01", lines: [], status: "posted" }, "status"],
    [{ date: "2026-03-01", lines: [], number: "JE-2026-000001" }, "number"],
  ])("answers 400 naming the field for %j", async (body, field) => {
    const res = await org.api.post("/journal-entries", body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("refuses lines on accounts the organization does not have (422), another organization's included", async () => {
    const other = await t.organization();
    const theirs = (await t.account(other.api, "1120")).id;
    const res = await org.api.post("/journal-entries", { date: "2026-03-01", lines: [debit(a.bank, "1"), credit(theirs, "1")] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "UNKNOWN_ACCOUNT", details: [{ path: "lines.1.accountId", message: "No such account" }] });
  });

  it("another organization's entry is 404 for reading, editing, deleting, posting and reversing", async () => {
    const other = await t.organization();
    const entry = await post(org.api, { date: "2026-03-02", lines: [debit(a.bank, "1"), credit(a.sales, "1")] });
    expect((await other.api.get(`/journal-entries/${entry.id}`)).status).toBe(404);
    expect((await other.api.patch(`/journal-entries/${entry.id}`, { memo: "x" })).status).toBe(404);
    expect((await other.api.delete(`/journal-entries/${entry.id}`)).status).toBe(404);
    expect((await other.api.post(`/journal-entries/${entry.id}/post`)).status).toBe(404);
    expect((await other.api.post(`/journal-entries/${entry.id}/reverse`, { date: "2026-03-03" })).status).toBe(404);
  });

  it("a viewer reads entries but cannot create, edit, delete, post or reverse (403)", async () => {
    const viewer = t.api(await t.viewerToken(org.id));
    const entry = await post(org.api, { date: "2026-03-02", lines: [debit(a.bank, "1"), credit(a.sales, "1")] });
    expect((await viewer.get(`/journal-entries/${entry.id}`)).status).toBe(200);
    expect((await viewer.get("/journal-entries")).status).toBe(200);
    expect((await viewer.post("/journal-entries", {})).status).toBe(403);
    expect((await viewer.patch(`/journal-entries/${entry.id}`, {})).status).toBe(403);
    expect((await viewer.delete(`/journal-entries/${entry.id}`)).status).toBe(403);
    expect((await viewer.post(`/journal-entries/${entry.id}/post`)).status).toBe(403);
    expect((await viewer.post(`/journal-entries/${entry.id}/reverse`, {})).status).toBe(403);
    const noPost = t.api(await t.token(org.id, ["finance.journal_entry.create", "finance.journal_entry.read"]));
    const { id } = await draft(noPost, { date: "2026-03-02", lines: [debit(a.bank, "1"), credit(a.sales, "1")] });
    expect((await noPost.post(`/journal-entries/${id}/post`)).status).toBe(403);
  });
});

describe("posting", () => {
  it("numbers the entry, chains its hash, adds it to the balances and publishes it with its lines and totals", async () => {
    const fresh = await t.organization();
    const acc = await accountsOf(fresh.api);
    const first = await post(fresh.api, { date: "2026-03-15", memo: "Cash sale", reference: "R-1", lines: [debit(acc.cash, "119.00"), credit(acc.sales, "119.00")] });
    expect(first).toMatchObject({ status: "posted", number: "JE-2026-000001", fiscalYear: 2026, previousHash: null, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const second = await post(fresh.api, { date: "2026-03-16", lines: [debit(acc.rent, "50"), credit(acc.cash, "50")] });
    expect(second).toMatchObject({ number: "JE-2026-000002", previousHash: first.hash });

    const cash = await fresh.api.get(`/accounts/${acc.cash}`);
    expect(cash.body.data.balance).toEqual({ currency: "EUR", debit: "119.00", credit: "50.00", balance: "69.00" });
    const sales = await fresh.api.get(`/accounts/${acc.sales}`);
    expect(sales.body.data.balance.balance).toBe("119.00");
    const assets = await fresh.api.get(`/accounts/${(await t.account(fresh.api, "1000")).id}`);
    expect(assets.body.data.balance.balance).toBe("69.00");

    const event = (await t.outbox(fresh.id)).find((e) => e.event_type === "finance.journal_entry.posted" && e.aggregate_id === first.id);
    expect(event?.envelope.data).toMatchObject({
      number: "JE-2026-000001",
      entryDate: "2026-03-15",
      memo: "Cash sale",
      reference: "R-1",
      baseCurrency: "EUR",
      totals: { baseDebit: "119.00", baseCredit: "119.00" },
      lines: [
        { lineNumber: 1, accountId: acc.cash, accountCode: "1110", debit: "119.00", credit: "0.00", currency: "EUR", exchangeRate: "1", baseDebit: "119.00" },
        { lineNumber: 2, accountId: acc.sales, accountCode: "4100", credit: "119.00", baseCredit: "119.00" },
      ],
      hash: first.hash,
    });
    expect((await fresh.api.post(`/journal-entries/${first.id}/post`)).status).toBe(409);
    expect((await fresh.api.patch(`/journal-entries/${first.id}`, { memo: "x" })).status).toBe(409);
    expect((await fresh.api.delete(`/journal-entries/${first.id}`)).status).toBe(409);
  });

  it("numbers per fiscal year, the year named after the calendar year it starts in", async () => {
    const april = await t.organization({ baseCurrency: "EUR", fiscalYearStartMonth: 4 });
    const acc = await accountsOf(april.api);
    const lines = [debit(acc.cash, "1"), credit(acc.sales, "1")];
    expect((await post(april.api, { date: "2026-03-31", lines })).number).toBe("JE-2025-000001");
    expect((await post(april.api, { date: "2026-04-01", lines })).number).toBe("JE-2026-000001");
    expect((await post(april.api, { date: "2025-12-01", lines })).number).toBe("JE-2025-000002");
  });

  const refusals: [string, (acc: Accounts) => object, string, string][] = [
    ["ENTRY_NOT_BALANCED", (acc) => ({ lines: [debit(acc.rent, "100.00"), credit(acc.bank, "99.99")] }), "lines", "debits"],
    ["TOO_FEW_LINES", (acc) => ({ lines: [debit(acc.rent, "100.00")] }), "lines", ""],
    ["ACCOUNT_IS_GROUP", (acc) => ({ lines: [debit(acc.expenses, "5"), credit(acc.bank, "5")] }), "lines.0.accountId", "group"],
    ["AMOUNT_PRECISION", (acc) => ({ lines: [debit(acc.rent, "5.001"), credit(acc.cash, "5.001")] }), "lines.0.debit", "2 decimals"],
    ["ACCOUNT_CURRENCY_MISMATCH", (acc) => ({ lines: [debit(acc.bank, "5", { currency: "USD", exchangeRate: "0.9" }), credit(acc.sales, "4.50")] }), "lines.0.currency", "EUR"],
    ["EXCHANGE_RATE_MISSING", (acc) => ({ lines: [debit(acc.prepaid, "5", { currency: "CHF" }), credit(acc.sales, "5", { currency: "CHF" })] }), "lines.0.exchangeRate", "CHF"],
    ["EXCHANGE_RATE_NOT_ONE", (acc) => ({ lines: [debit(acc.rent, "5", { exchangeRate: "2" }), credit(acc.cash, "5")] }), "lines.0.exchangeRate", "rate 1"],
  ];
  it.each(refusals)("refuses with 422 %s, naming the field, and the draft stays a draft", async (code, body, path, words) => {
    const { id } = await draft(org.api, { date: "2026-03-20", ...body(a) });
    const res = await org.api.post(`/journal-entries/${id}/post`);
    expect([res.status, res.body.error.code]).toEqual([422, code]);
    expect(res.body.error.details[0].path).toBe(path);
    expect(res.body.error.message.toLowerCase()).toContain(words.toLowerCase());
    const after = await org.api.get(`/journal-entries/${id}`);
    expect(after.body.data).toMatchObject({ status: "draft", number: null });
  });

  it("refuses an archived account, and a date on or before the lock date (422 PERIOD_LOCKED)", async () => {
    const fresh = await t.organization();
    const acc = await accountsOf(fresh.api);
    const parent = await t.account(fresh.api, "6000");
    const old = (await fresh.api.post("/accounts", { code: "6990", name: "Old", type: "expense", parentId: parent.id })).body.data.id;
    const { id } = await draft(fresh.api, { date: "2026-03-20", lines: [debit(old, "5"), credit(acc.cash, "5")] });
    await fresh.api.post(`/accounts/${old}/archive`);
    const archived = await fresh.api.post(`/journal-entries/${id}/post`);
    expect([archived.status, archived.body.error.code]).toEqual([422, "ACCOUNT_ARCHIVED"]);

    await t.owner.query("INSERT INTO finance.period_locks (organization_id, locked_through, updated_by, updated_at) VALUES ($1, '2026-03-31', 'test', now())", [fresh.id]);
    const locked = await draft(fresh.api, { date: "2026-03-31", lines: [debit(acc.rent, "5"), credit(acc.cash, "5")] });
    const res = await fresh.api.post(`/journal-entries/${locked.id}/post`);
    expect([res.status, res.body.error.code, res.body.error.details[0].path]).toEqual([422, "PERIOD_LOCKED", "date"]);
    const open = await draft(fresh.api, { date: "2026-04-01", lines: [debit(acc.rent, "5"), credit(acc.cash, "5")] });
    expect((await fresh.api.post(`/journal-entries/${open.id}/post`)).body.data.number).toBe("JE-2026-000001");
  });

  it("gives 50 concurrent postings the numbers 1 to 50, each once", async () => {
    const busy = await t.organization();
    const acc = await accountsOf(busy.api);
    // The drafts one after the other (what is concurrent here is their posting).
    const drafts: { id: string }[] = [];
    for (let i = 0; i < 50; i++) drafts.push(await draft(busy.api, { date: "2026-05-01", lines: [debit(acc.cash, `${i + 1}.00`), credit(acc.sales, `${i + 1}.00`)] }));
    const results = await Promise.all(drafts.map(({ id }) => busy.api.post(`/journal-entries/${id}/post`)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const numbers = results.map((r) => r.body.data.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `JE-2026-${String(i + 1).padStart(6, "0")}`));
    const integrity = await busy.api.get("/reports/ledger-integrity");
    expect(integrity.body.data).toMatchObject({ status: "intact", entriesChecked: 50, firstBrokenEntry: null });
    const cash = await busy.api.get(`/accounts/${acc.cash}`);
    expect(cash.body.data.balance.debit).toBe("1275.00");
  });

  it("concurrent posts of drafts are committed in batches; a refused draft is answered alone and stays exactly as it was", async () => {
    const busy = await t.organization();
    const acc = await accountsOf(busy.api);
    await t.owner.query("INSERT INTO finance.period_locks (organization_id, locked_through, updated_by, updated_at) VALUES ($1, '2026-01-31', 'test', now())", [busy.id]);
    expect((await busy.api.post("/exchange-rates", { currency: "USD", effectiveDate: "2026-01-01", rate: "0.5" })).status).toBe(201);
    // Kinds: good, unbalanced, on the locked date, foreign at the organization's rate with a rounding line, one of the good ones asked twice.
    const kinds = Array.from({ length: 60 }, (_, i) => (i % 10 === 3 ? "unbalanced" : i % 10 === 7 ? "locked" : i % 20 === 9 ? "foreign" : "good"));
    const usd = { currency: "USD" };
    const drafts: { id: string }[] = [];
    for (const [i, kind] of kinds.entries()) {
      drafts.push(
        await draft(busy.api, {
          date: kind === "locked" ? "2026-01-15" : "2026-05-01",
          lines:
            kind === "foreign"
              ? [debit(acc.prepaid, "0.03", usd), credit(acc.sales, "0.01", usd), credit(acc.sales, "0.01", usd), credit(acc.sales, "0.01", usd)]
              : [debit(acc.cash, `${i + 1}.00`), credit(acc.sales, kind === "unbalanced" ? "0.50" : `${i + 1}.00`)],
        }),
      );
    }
    const before = new Map<string, unknown>();
    for (const { id } of drafts) before.set(id, (await busy.api.get(`/journal-entries/${id}`)).body.data);
    const twice = drafts[0]!.id;
    const unknown = uuidv7();
    const results = await Promise.all([...drafts.map(({ id }) => id), twice, unknown].map((id) => busy.api.post(`/journal-entries/${id}/post`)));

    const outcome = (i: number) => [results[i]!.status, results[i]!.body.error?.code ?? "posted"];
    kinds.forEach((kind, i) => {
      if (kind === "unbalanced") expect(outcome(i)).toEqual([422, "ENTRY_NOT_BALANCED"]);
      else if (kind === "locked") expect(outcome(i)).toEqual([422, "PERIOD_LOCKED"]);
      else if (i !== 0) expect(outcome(i)).toEqual([200, "posted"]);
    });
    // One of the two requests for the same draft posts it, the other finds it posted.
    expect([outcome(0), outcome(60)].sort()).toEqual([
      [200, "posted"],
      [409, "INVALID_STATE"],
    ]);
    expect(outcome(61)).toEqual([404, "NOT_FOUND"]);

    const postedCount = kinds.filter((kind) => kind === "good" || kind === "foreign").length;
    const numbers = results.filter((r) => r.status === 200).map((r) => r.body.data.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: postedCount }, (_, i) => `JE-2026-${String(i + 1).padStart(6, "0")}`));
    const foreign = results[kinds.indexOf("foreign")]!.body.data;
    expect(foreign.lines).toHaveLength(5);
    expect(foreign.lines[0]).toMatchObject({ exchangeRate: "0.5", baseDebit: "0.02" });
    expect(foreign.lines[4]).toMatchObject({ accountId: acc.rounding, debit: "0.01", isRounding: true });
    expect((await busy.api.get(`/journal-entries/${foreign.id}`)).body.data).toEqual(foreign);

    for (const [i, kind] of kinds.entries()) {
      if (kind !== "unbalanced" && kind !== "locked") continue;
      expect((await busy.api.get(`/journal-entries/${drafts[i]!.id}`)).body.data).toEqual(before.get(drafts[i]!.id));
    }
    const { rows } = await t.owner.query("SELECT last_number FROM finance.entry_number_counters WHERE organization_id = $1", [busy.id]);
    expect(rows).toEqual([{ last_number: postedCount }]);
    expect((await busy.api.get("/reports/ledger-integrity")).body.data).toMatchObject({ status: "intact", entriesChecked: postedCount });
    const expected = kinds.reduce((sum, kind, i) => (kind === "good" ? sum + i + 1 : sum), 0);
    expect((await busy.api.get(`/accounts/${acc.cash}`)).body.data.balance.debit).toBe(`${expected}.00`);
    expect((await t.outboxTypes(busy.id)).filter((type) => type === "finance.journal_entry.posted")).toHaveLength(postedCount);
    const transactions = await t.owner.query("SELECT count(DISTINCT xmin::text)::int AS n FROM finance.journal_entries WHERE organization_id = $1 AND status = 'posted'", [
      busy.id,
    ]);
    expect(transactions.rows[0].n).toBeLessThan(postedCount);
  });
});

describe("create and post in one request (post=true), committed in batches", () => {
  it("posts in the same request; without the post permission it is 403; a broken rule writes nothing", async () => {
    const fresh = await t.organization();
    const acc = await accountsOf(fresh.api);
    const res = await fresh.api.post("/journal-entries?post=true", { date: "2026-06-01", memo: "Direct", lines: [debit(acc.cash, "12.50"), credit(acc.sales, "12.50")] });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/finance/journal-entries/${res.body.data.id}`);
    expect(res.body.data).toMatchObject({ status: "posted", number: "JE-2026-000001", memo: "Direct", previousHash: null });
    expect((await fresh.api.get(`/journal-entries/${res.body.data.id}`)).body.data).toEqual(res.body.data);
    const creator = t.api(t.token(fresh.id, ["finance.journal_entry.create", "finance.journal_entry.read"]));
    expect((await creator.post("/journal-entries?post=true", { date: "2026-06-01", lines: [debit(acc.cash, "1"), credit(acc.sales, "1")] })).status).toBe(403);
    const refused = await fresh.api.post("/journal-entries?post=true", { date: "2026-06-01", lines: [debit(acc.cash, "1"), credit(acc.sales, "2")] });
    expect([refused.status, refused.body.error.code]).toEqual([422, "ENTRY_NOT_BALANCED"]);
    const listed = await fresh.api.get("/journal-entries?count=true");
    expect(listed.body.page.total).toBe(1);
    expect((await fresh.api.post("/journal-entries?post=maybe", { date: "2026-06-01", lines: [] })).status).toBe(400);
  });

  it("plans in the batch: the organization's rate for a line without one, a rounding line, unknown accounts refused", async () => {
    const fresh = await t.organization();
    const acc = await accountsOf(fresh.api);
    expect((await fresh.api.post("/exchange-rates", { currency: "USD", effectiveDate: "2026-01-01", rate: "0.5" })).status).toBe(201);
    const usd = { currency: "USD" };
    const bodies = [
      { date: "2026-06-01", lines: [debit(acc.prepaid, "0.03", usd), credit(acc.sales, "0.01", usd), credit(acc.sales, "0.01", usd), credit(acc.sales, "0.01", usd)] },
      { date: "2026-06-01", lines: [debit(acc.cash, "5"), credit(uuidv7(), "5")] },
      { date: "2026-06-01", lines: [debit(acc.cash, "7"), credit(acc.sales, "7")] },
    ];
    const [foreign, unknown, plain] = await Promise.all(bodies.map((body) => fresh.api.post("/journal-entries?post=true", body)));
    expect(foreign!.status).toBe(201);
    expect(foreign!.body.data.lines[0]).toMatchObject({ exchangeRate: "0.5", baseDebit: "0.02" });
    expect(foreign!.body.data.lines[4]).toMatchObject({ accountId: acc.rounding, debit: "0.01", isRounding: true });
    expect([unknown!.status, unknown!.body.error.code, unknown!.body.error.details[0].path]).toEqual([422, "UNKNOWN_ACCOUNT", "lines.1.accountId"]);
    expect(plain!.status).toBe(201);
    expect([foreign!.body.data.number, plain!.body.data.number].sort()).toEqual(["JE-2026-000001", "JE-2026-000002"]);
    expect((await fresh.api.get("/journal-entries?count=true&limit=1")).body.page.total).toBe(2);
  });

  it("100 concurrent postings are numbered 1 to 100 in one chain; those on a locked date are refused and give their numbers back", async () => {
    const busy = await t.organization();
    const acc = await accountsOf(busy.api);
    await t.owner.query("INSERT INTO finance.period_locks (organization_id, locked_through, updated_by, updated_at) VALUES ($1, '2026-01-31', 'test', now())", [busy.id]);
    const bodies = Array.from({ length: 110 }, (_, i) => ({
      date: i % 11 === 5 ? "2026-01-15" : "2026-07-01",
      lines: [debit(acc.cash, `${i + 1}.00`), credit(acc.sales, `${i + 1}.00`)],
    }));
    const results = await Promise.all(bodies.map((body) => busy.api.post("/journal-entries?post=true", body)));
    const refused = results.filter((r) => r.status === 422);
    expect(refused.length).toBe(10);
    expect(new Set(refused.map((r) => r.body.error.code))).toEqual(new Set(["PERIOD_LOCKED"]));
    const posted = results.filter((r) => r.status === 201).map((r) => r.body.data as { number: string });
    expect(posted.map((e) => e.number).sort()).toEqual(Array.from({ length: 100 }, (_, i) => `JE-2026-${String(i + 1).padStart(6, "0")}`));
    expect((await busy.api.get("/reports/ledger-integrity")).body.data).toMatchObject({ status: "intact", entriesChecked: 100 });
    expect((await busy.api.get("/journal-entries?count=true&limit=1")).body.page.total).toBe(100);
    const expected = bodies.reduce((sum, body, i) => (body.date === "2026-07-01" ? sum + i + 1 : sum), 0);
    expect((await busy.api.get(`/accounts/${acc.cash}`)).body.data.balance.debit).toBe(`${expected}.00`);
    const { rows } = await t.owner.query("SELECT last_number FROM finance.entry_number_counters WHERE organization_id = $1", [busy.id]);
    expect(rows).toEqual([{ last_number: 100 }]);
    // Entries committed by one transaction share its id (xmin): fewer transactions than entries means they were batched.
    const transactions = await t.owner.query("SELECT count(DISTINCT xmin::text)::int AS n FROM finance.journal_entries WHERE organization_id = $1", [busy.id]);
    expect(transactions.rows[0].n).toBeLessThan(100);
  });
});

describe("multi-currency", () => {
  it("converts at the rate given (base per one unit) and at the organization's rate on the entry's date", async () => {
    const usd = await t.organization({ baseCurrency: "USD", fiscalYearStartMonth: 1 });
    const acc = await accountsOf(usd.api);
    const given = await post(usd.api, { date: "2026-03-01", lines: [debit(acc.prepaid, "100.00", { currency: "EUR", exchangeRate: "1.10" }), credit(acc.sales, "110.00")] });
    expect(given.lines.map((l) => [l.baseDebit, l.baseCredit])).toEqual([
      ["110.00", "0.00"],
      ["0.00", "110.00"],
    ]);
    for (const [effectiveDate, rate] of [["2026-01-01", "1.05"], ["2026-03-01", "1.08"], ["2026-04-01", "1.20"]]) {
      expect((await usd.api.post("/exchange-rates", { currency: "EUR", effectiveDate, rate })).status).toBe(201);
    }
    const looked = await post(usd.api, { date: "2026-03-31", lines: [debit(acc.prepaid, "50.00", { currency: "EUR" }), credit(acc.sales, "54.00")] });
    expect(looked.lines[0]).toMatchObject({ exchangeRate: "1.08", baseDebit: "54.00" });
  });

  it("posts a rounding difference to the rounding account instead of dropping it", async () => {
    const fresh = await t.organization();
    const acc = await accountsOf(fresh.api);
    // USD 0.03 at 0.5 is EUR 0.015 → 0.02; three USD 0.01 at 0.5 are 0.005 → 0.01 each: credits exceed debits by 0.01.
    const usd = (amount: string) => ({ currency: "USD", exchangeRate: "0.5", description: amount });
    const entry = await post(fresh.api, {
      date: "2026-03-01",
      lines: [debit(acc.prepaid, "0.03", usd("a")), credit(acc.sales, "0.01", usd("b")), credit(acc.sales, "0.01", usd("c")), credit(acc.sales, "0.01", usd("d"))],
    });
    expect(entry.lines).toHaveLength(5);
    expect(entry.lines[4]).toMatchObject({ accountId: acc.rounding, debit: "0.01", currency: "EUR", baseDebit: "0.01", isRounding: true });
    expect(entry).toMatchObject({ totals: { baseDebit: "0.03", baseCredit: "0.03" } });
  });

  it("exchange rates: 400, 404 for another organization's, 409 for a second rate that day, 422 for the base currency, 403 for a viewer", async () => {
    const res = await org.api.post("/exchange-rates", { currency: "GBP", effectiveDate: "2026-01-01", rate: "1.17" });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ currency: "GBP", baseCurrency: "EUR", rate: "1.17" });
    const id = res.body.data.id;
    expect((await org.api.post("/exchange-rates", { currency: "GBP", effectiveDate: "2026-01-01", rate: "1.2" })).status).toBe(409);
    expect((await org.api.post("/exchange-rates", { currency: "EUR", effectiveDate: "2026-01-01", rate: "1" })).body.error.code).toBe("BASE_CURRENCY_RATE");
    expect((await org.api.post("/exchange-rates", { currency: "GBP", effectiveDate: "2026-01-02", rate: "0" })).status).toBe(400);
    expect((await org.api.patch(`/exchange-rates/${id}`, { rate: "1.18" })).body.data.rate).toBe("1.18");
    expect((await org.api.get("/exchange-rates?currency=GBP")).body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    const other = await t.organization();
    expect((await other.api.get(`/exchange-rates/${id}`)).status).toBe(404);
    expect((await other.api.patch(`/exchange-rates/${id}`, { rate: "2" })).status).toBe(404);
    expect((await other.api.delete(`/exchange-rates/${id}`)).status).toBe(404);
    const viewer = t.api(await t.viewerToken(org.id));
    expect((await viewer.get(`/exchange-rates/${id}`)).status).toBe(200);
    expect((await viewer.post("/exchange-rates", {})).status).toBe(403);
    expect((await viewer.delete(`/exchange-rates/${id}`)).status).toBe(403);
    expect((await org.api.delete(`/exchange-rates/${id}`)).status).toBe(204);
  });
});

describe("reversal", () => {
  it("posts every line on the other side on the date given, linked both ways, once", async () => {
    const fresh = await t.organization();
    const acc = await accountsOf(fresh.api);
    const original = await post(fresh.api, { date: "2026-03-01", reference: "X", lines: [debit(acc.rent, "80.00", { description: "rent" }), credit(acc.bank, "80.00")] });
    expect((await fresh.api.post(`/journal-entries/${original.id}/reverse`, { date: "2026-02-28" })).body.error.code).toBe("REVERSAL_BEFORE_ORIGINAL");
    const res = await fresh.api.post(`/journal-entries/${original.id}/reverse`, { date: "2026-03-05" });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: "posted", number: "JE-2026-000002", date: "2026-03-05", reversalOfEntryId: original.id, memo: "Reversal of JE-2026-000001", reference: "X" });
    expect(res.body.data.lines.map((l: { accountId: string; debit: string; credit: string }) => [l.accountId, l.debit, l.credit])).toEqual([
      [acc.rent, "0.00", "80.00"],
      [acc.bank, "80.00", "0.00"],
    ]);
    expect((await fresh.api.get(`/journal-entries/${original.id}`)).body.data.reversedByEntryId).toBe(res.body.data.id);
    const again = await fresh.api.post(`/journal-entries/${original.id}/reverse`, { date: "2026-03-06" });
    expect([again.status, again.body.error.code]).toEqual([409, "ALREADY_REVERSED"]);
    expect((await fresh.api.get(`/accounts/${acc.rent}`)).body.data.balance.balance).toBe("0.00");
    const reversed = (await t.outbox(fresh.id)).find((e) => e.event_type === "finance.journal_entry.reversed");
    expect(reversed).toMatchObject({ aggregate_id: original.id, envelope: { data: { number: "JE-2026-000001", reversalEntryId: res.body.data.id, reversalNumber: "JE-2026-000002" } } });
    const { id } = await draft(fresh.api, { date: "2026-03-01", lines: [debit(acc.rent, "1"), credit(acc.bank, "1")] });
    expect((await fresh.api.post(`/journal-entries/${id}/reverse`, { date: "2026-03-01" })).status).toBe(409);
    expect((await fresh.api.post(`/journal-entries/${original.id}/reverse`, { date: "not a date" })).status).toBe(400);
  });

  it("two concurrent reversals of one entry: one wins, the other is 409", async () => {
    const entry = await post(org.api, { date: "2026-03-01", lines: [debit(a.rent, "3"), credit(a.bank, "3")] });
    const results = await Promise.all([1, 2].map(() => org.api.post(`/journal-entries/${entry.id}/reverse`, { date: "2026-03-02" })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});

describe("accounts with postings", () => {
  it("cannot change type, currency or group status, be deleted, or be archived with a balance; can once it is zero", async () => {
    const fresh = await t.organization();
    const acc = await accountsOf(fresh.api);
    const entry = await post(fresh.api, { date: "2026-03-01", lines: [debit(acc.rent, "10"), credit(acc.cash, "10")] });
    const income = await t.account(fresh.api, "4000");
    expect((await fresh.api.patch(`/accounts/${acc.rent}`, { type: "income", parentId: income.id })).body.error.code).toBe("ACCOUNT_HAS_POSTINGS");
    expect((await fresh.api.patch(`/accounts/${acc.rent}`, { currency: "USD" })).body.error.code).toBe("ACCOUNT_HAS_POSTINGS");
    expect((await fresh.api.patch(`/accounts/${acc.rent}`, { isGroup: true })).body.error.code).toBe("ACCOUNT_HAS_POSTINGS");
    expect((await fresh.api.patch(`/accounts/${acc.rent}`, { name: "Office rent" })).status).toBe(200);
    expect((await fresh.api.delete(`/accounts/${acc.rent}`)).status).toBe(409);
    const archive = await fresh.api.post(`/accounts/${acc.rent}/archive`);
    expect([archive.status, archive.body.error.code]).toEqual([422, "ACCOUNT_BALANCE_NOT_ZERO"]);
    await fresh.api.post(`/journal-entries/${entry.id}/reverse`, { date: "2026-03-02" });
    expect((await fresh.api.post(`/accounts/${acc.rent}/archive`)).status).toBe(200);
  });
});

describe("the internal posting route", () => {
  it("posts once per source: a retry answers 200 with the same entry; concurrent retries post one", async () => {
    const fresh = await t.organization();
    const acc = await accountsOf(fresh.api);
    const body = (id: string) => ({
      organizationId: fresh.id,
      source: { type: "invoice", id },
      actor: { type: "service", id: "finance-invoices" },
      date: "2026-03-01",
      memo: "Invoice 1",
      lines: [debit(acc.prepaid, "119.00", { party: { type: "customer", id: uuidv7() } }), credit(acc.sales, "119.00")],
    });
    const first = await t.internal.post("/journal-entries", body("inv-1"));
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ status: "posted", number: "JE-2026-000001", source: { type: "invoice", id: "inv-1" }, postedBy: "finance-invoices" });
    const retry = await t.internal.post("/journal-entries", body("inv-1"));
    expect([retry.status, retry.body.data.id]).toEqual([200, first.body.data.id]);
    const concurrent = await Promise.all([1, 2, 3, 4].map(() => t.internal.post("/journal-entries", body("inv-2"))));
    expect(concurrent.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(concurrent.map((r) => r.body.data.id)).size).toBe(1);
    const listed = await fresh.api.get("/journal-entries?sourceType=invoice&count=true");
    expect(listed.body.page.total).toBe(2);
  });

  it("sets up an organization's ledger it has not seen, refuses bad bodies (400) and callers without the key (401)", async () => {
    const organizationId = uuidv7();
    const accounts = await (async () => {
      const res = await t.internal.post("/journal-entries", { organizationId, source: { type: "probe", id: "1" }, date: "2026-03-01", lines: [debit(uuidv7(), "1"), credit(uuidv7(), "1")] });
      expect([res.status, res.body.error.code]).toEqual([422, "UNKNOWN_ACCOUNT"]);
      return accountsOf(t.api(await t.token(organizationId)));
    })();
    const ok = await t.internal.post("/journal-entries", { organizationId, source: { type: "probe", id: "1" }, date: "2026-03-01", lines: [debit(accounts.cash, "1"), credit(accounts.sales, "1")] });
    expect(ok.status).toBe(201);
    expect((await t.internal.post("/journal-entries", { organizationId, source: { type: "Bad Type", id: "1" }, date: "2026-03-01", lines: [] })).status).toBe(400);
    const res = await t.api(await t.token(organizationId)).post("/journal-entries", {});
    expect(res.status).toBe(400);
    const { default: request } = await import("supertest");
    expect((await request(t.app).post("/internal/journal-entries").send({})).status).toBe(401);
  });
});

describe("GET /reports/ledger-integrity", () => {
  it("names the first entry whose rows were changed behind the application's back", async () => {
    const fresh = await t.organization();
    const acc = await accountsOf(fresh.api);
    const entries = [];
    for (const amount of ["10.00", "20.00", "30.00"]) entries.push(await post(fresh.api, { date: "2026-03-01", lines: [debit(acc.rent, amount), credit(acc.cash, amount)] }));
    expect((await fresh.api.get("/reports/ledger-integrity")).body.data).toMatchObject({ status: "intact", entriesChecked: 3 });

    // The owner role, with triggers off for its session (only a superuser can): what no application path can do.
    const owner = await t.owner.connect();
    try {
      await owner.query("SET session_replication_role = replica");
      await owner.query("UPDATE finance.journal_lines SET debit = 21, base_debit = 21 WHERE entry_id = $1 AND debit > 0", [entries[1]!.id]);
      await owner.query("UPDATE finance.journal_lines SET credit = 21, base_credit = 21 WHERE entry_id = $1 AND credit > 0", [entries[1]!.id]);
    } finally {
      await owner.query("RESET session_replication_role");
      owner.release();
    }
    const res = await fresh.api.get("/reports/ledger-integrity");
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      status: "broken",
      entriesChecked: 1,
      firstBrokenEntry: { id: entries[1]!.id, number: "JE-2026-000002", chainPosition: "2", problem: "hash_mismatch" },
    });
    expect((await t.api(await t.token(fresh.id, ["finance.journal_entry.read"])).get("/reports/ledger-integrity")).status).toBe(403);
  });

  it("a deleted last entry shows as missing", async () => {
    const fresh = await t.organization();
    const acc = await accountsOf(fresh.api);
    await post(fresh.api, { date: "2026-03-01", lines: [debit(acc.rent, "1"), credit(acc.cash, "1")] });
    const last = await post(fresh.api, { date: "2026-03-01", lines: [debit(acc.rent, "2"), credit(acc.cash, "2")] });
    const owner = await t.owner.connect();
    try {
      await owner.query("SET session_replication_role = replica");
      await owner.query("DELETE FROM finance.journal_lines WHERE entry_id = $1", [last.id]);
      await owner.query("DELETE FROM finance.journal_entries WHERE id = $1", [last.id]);
    } finally {
      await owner.query("RESET session_replication_role");
      owner.release();
    }
    expect((await fresh.api.get("/reports/ledger-integrity")).body.data).toMatchObject({
      status: "broken",
      entriesChecked: 1,
      firstBrokenEntry: { id: null, chainPosition: "2", problem: "missing_entries" },
    });
  });
});

describe("GET /journal-entries", () => {
  it("filters by status, dates, account, source and text, newest date first", async () => {
    const fresh = await t.organization();
    const acc = await accountsOf(fresh.api);
    await post(fresh.api, { date: "2026-01-10", memo: "January rent", lines: [debit(acc.rent, "1"), credit(acc.bank, "1")] });
    await post(fresh.api, { date: "2026-02-10", memo: "February sale", lines: [debit(acc.cash, "1"), credit(acc.sales, "1")] });
    await draft(fresh.api, { date: "2026-03-10", memo: "March draft", lines: [] });
    const memos = async (query: string) => ((await fresh.api.get(`/journal-entries?${query}`)).body.data as { memo: string }[]).map((e) => e.memo);
    expect(await memos("")).toEqual(["March draft", "February sale", "January rent"]);
    expect(await memos("status=posted&sort=date")).toEqual(["January rent", "February sale"]);
    expect(await memos("from=2026-02-01&to=2026-02-28")).toEqual(["February sale"]);
    expect(await memos(`accountId=${acc.rent}`)).toEqual(["January rent"]);
    expect(await memos("q=JE-2026-000002")).toEqual(["February sale"]);
    // q is text, not a LIKE pattern: % and _ match themselves.
    await draft(fresh.api, { date: "2026-03-11", memo: "50% deposit", lines: [] });
    expect(await memos("q=%25")).toEqual(["50% deposit"]);
    expect(await memos("q=_")).toEqual([]);
    const page = await fresh.api.get("/journal-entries?limit=1&status=posted");
    const next = await fresh.api.get(`/journal-entries?limit=1&status=posted&cursor=${page.body.page.nextCursor}`);
    expect(next.body.data[0].memo).toBe("January rent");
    expect((await fresh.api.get("/journal-entries?from=yesterday")).status).toBe(400);
  });
});
