/**
 * The receivables and payables reports through HTTP: the aging's buckets and credits, its total
 * against the receivable (payable) accounts' balance in the trial balance on every date of a
 * history of invoices, partial payments, a credit note, an exchange difference and voids; the
 * statement's running balance; CSV; 400, 403 and 404.
 */
import { randomUUID } from "node:crypto";
import { permissions } from "../../permissions";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { accountsOf } from "../../../test/ledger-fixtures";
import { partyFixture, postedFixture } from "../documents/document-fixtures";
import type { PartyKind } from "../parties/party-read-model";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

/** A customer or supplier in finance's read model, as master-data's events leave it: named after its code. */
const party = (organizationId: string, kind: PartyKind, code: string, snapshot: { currency?: string; paymentTermsDays?: number } = {}) =>
  partyFixture(t, organizationId, kind, { code, legalName: `${code} Ltd`, displayName: `${code} Trading`, ...snapshot });

const ok = async (api: Api, path: string) => {
  const res = await api.get(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
};

describe("GET /reports/aging", () => {
  it("an organization without documents has an empty aging with zero totals", async () => {
    const org = t.organization();
    const report = await ok(org.api, "/reports/aging?type=receivable&asOf=2026-03-31");
    expect(report).toEqual({
      type: "receivable",
      asOf: "2026-03-31",
      currency: "EUR",
      parties: [],
      totals: { current: "0.00", days1To30: "0.00", days31To60: "0.00", days61To90: "0.00", over90: "0.00", unallocatedCredits: "0.00", total: "0.00" },
      totalsByCurrency: [],
    });
  });

  it("400 with details for a missing or wrong type, a date that does not exist, an unknown parameter", async () => {
    const { api } = t.organization();
    const cases: [string, string][] = [
      ["/reports/aging?asOf=2026-03-31", "type"],
      ["/reports/aging?type=owed&asOf=2026-03-31", "type"],
      ["/reports/aging?type=receivable", "asOf"],
      ["/reports/aging?type=receivable&asOf=2026-02-30", "asOf"],
      ["/reports/aging?type=receivable&asOf=2026-03-31&partyId=C-1", "partyId"],
      ["/reports/aging?type=receivable&asOf=2026-03-31&format=pdf", "format"],
      ["/reports/aging?type=receivable&asOf=2026-03-31&sort=name", "sort"],
    ];
    for (const [path, field] of cases) {
      const res = await api.get(path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 400, "VALIDATION_FAILED"]);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });

  it("404 for a partyId finance does not know, another organization's, or a supplier asked for as a customer", async () => {
    const org = t.organization();
    const other = t.organization();
    const theirs = await party(other.id, "customer", "C-AGING-THEIRS");
    const supplier = await party(org.id, "supplier", "S-AGING");
    const mine = await party(org.id, "customer", "C-AGING");
    for (const partyId of [randomUUID(), theirs, supplier]) {
      const res = await org.api.get(`/reports/aging?type=receivable&asOf=2026-03-31&partyId=${partyId}`);
      expect([partyId, res.status, res.body.error.code, res.body.error.message]).toEqual([partyId, 404, "NOT_FOUND", "Customer not found"]);
    }
    expect((await ok(org.api, `/reports/aging?type=receivable&asOf=2026-03-31&partyId=${mine}`)).parties).toEqual([]);
    expect((await ok(org.api, `/reports/aging?type=payable&asOf=2026-03-31&partyId=${supplier}`)).parties).toEqual([]);
  });

  it("403 without finance.report.read", async () => {
    const org = t.organization();
    const api = t.api(t.token(org.id, [permissions.invoiceRead, permissions.paymentRead]));
    const res = await api.get("/reports/aging?type=payable&asOf=2026-03-31");
    expect([res.status, res.body.error.code]).toEqual([403, "FORBIDDEN"]);
  });
});

/** `res.body.data` when it answered `status`, else a failure saying what it answered. */
async function expecting(res: Promise<{ status: number; body: { data?: unknown } }> | { status: number; body: { data?: unknown } }, status: number) {
  const answered = await res;
  if (answered.status !== status) throw new Error(`expected ${status}, got ${answered.status} ${JSON.stringify(answered.body)}`);
  return answered.body.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- API answers read field by field
}

describe("the aging against the ledger", () => {
  /**
   * EUR books; a customer in USD (invoices at 0.90 and 0.92, payments at 0.95 and 0.85: an exchange
   * gain, then a loss settling the rest, later voided), a customer in EUR (an invoice, a credit note,
   * an overpayment left as credit, the credit allocated later), a supplier in USD (a bill at 0.90
   * paid at 0.88), a voided invoice. Every date of the history, and today, the aging's total is the
   * receivable (payable) account's balance in the trial balance.
   */
  let org: ReturnType<FinanceTestApp["organization"]>;
  let ids: Record<string, string>;
  beforeAll(async () => {
    org = t.organization();
    const { api } = org;
    const a = await accountsOf(t, api);
    const usd = await party(org.id, "customer", "C-USD", { currency: "USD", paymentTermsDays: 14 });
    const eur = await party(org.id, "customer", "C-EUR", { currency: "EUR", paymentTermsDays: 30 });
    const supplier = await party(org.id, "supplier", "S-USD", { currency: "USD", paymentTermsDays: 30 });
    const vat = await expecting(api.post("/tax-rates", { name: "VAT 20%", rate: "20", appliesTo: "sales" }), 201);
    const usdBank = await expecting(api.post("/accounts", { code: "1125", name: "Bank USD", type: "asset", subtype: "bank", currency: "USD" }), 201);
    const bankFor = (currency: string) => (currency === "USD" ? usdBank.id : a.bank);
    const invoice = async (customerId: string, issueDate: string, lines: object[], exchangeRate?: string) => {
      const draft = await expecting(api.post("/invoices", { customerId, issueDate, lines }), 201);
      return expecting(api.post(`/invoices/${draft.id as string}/issue`, exchangeRate ? { exchangeRate } : {}), 200);
    };
    const receive = (partyId: string, paymentDate: string, amount: string, currency: string, exchangeRate: string, allocations: object[]) =>
      expecting(api.post("/payments", { direction: "received", partyId, paymentDate, amount, currency, exchangeRate, accountId: bankFor(currency), allocations }), 201);

    const a1 = await invoice(usd, "2026-01-10", [{ description: "Machine", quantity: "1", unitPrice: "1000.00" }], "0.9");
    const b1 = await invoice(eur, "2026-02-01", [
      { description: "Parts", quantity: "3", unitPrice: "100.00", taxRateId: vat.id },
      { description: "Labour", quantity: "2", unitPrice: "50.00" },
    ]);
    const gain = await receive(usd, "2026-02-15", "400.00", "USD", "0.95", [{ documentId: a1.id, amount: "400.00" }]);
    const credit = await expecting(api.post(`/invoices/${b1.id as string}/credit-notes`, { issueDate: "2026-03-01", lines: [{ invoiceLineId: b1.lines[0].id, quantity: "1" }] }), 201);
    const over = await receive(eur, "2026-03-10", "500.00", "EUR", "1", [{ documentId: b1.id, amount: "340.00" }]);
    const a2 = await invoice(usd, "2026-04-01", [{ description: "Wrong", quantity: "1", unitPrice: "300.00" }], "0.92");
    await expecting(api.post(`/invoices/${a2.id as string}/void`, { reason: "Wrong customer", date: "2026-04-05" }), 200);
    const b2 = await invoice(eur, "2026-04-08", [{ description: "Service", quantity: "1", unitPrice: "100.00" }]);
    await expecting(api.post(`/payments/${over.id as string}/allocations`, { date: "2026-04-09", allocations: [{ documentId: b2.id, amount: "100.00" }] }), 200);
    const loss = await receive(usd, "2026-04-10", "600.00", "USD", "0.85", [{ documentId: a1.id, amount: "600.00" }]);
    const bill = await expecting(api.post("/bills", { supplierId: supplier, issueDate: "2026-02-20", lines: [{ description: "Steel", quantity: "8", unitPrice: "100.00" }] }), 201);
    await expecting(api.post(`/bills/${bill.id as string}/approve`, { exchangeRate: "0.9" }), 200);
    await expecting(
      api.post("/payments", {
        direction: "made",
        partyId: supplier,
        paymentDate: "2026-03-20",
        amount: "500.00",
        currency: "USD",
        exchangeRate: "0.88",
        accountId: usdBank.id,
        allocations: [{ documentId: bill.id, amount: "500.00" }],
      }),
      201,
    );
    // Voided today: the loss's payment still counts on every earlier date.
    await expecting(api.post(`/payments/${loss.id as string}/void`, { reason: "Bounced" }), 200);
    ids = { usd, eur, supplier, a1: a1.id, b1: b1.id, gain: gain.id, credit: credit.id, over: over.id, a2: a2.id, b2: b2.id, loss: loss.id, bill: bill.id };
  });

  const today = new Date().toISOString().slice(0, 10);
  const dates = ["2026-01-09", "2026-01-10", "2026-02-14", "2026-02-15", "2026-03-01", "2026-03-10", "2026-04-01", "2026-04-05", "2026-04-09", "2026-04-10", "2026-06-30", today];

  it("on every date, the receivables aging totals the receivable account's balance and the payables aging the payable account's", async () => {
    for (const asOf of dates) {
      const trial = await ok(org.api, `/reports/trial-balance?asOf=${asOf}`);
      const balance = (code: string) => (trial.rows as { code: string; closing: string }[]).find((row) => row.code === code)?.closing ?? "0.00";
      const receivable = await ok(org.api, `/reports/aging?type=receivable&asOf=${asOf}`);
      const payable = await ok(org.api, `/reports/aging?type=payable&asOf=${asOf}`);
      const owed = (amount: string) => (amount === "0.00" ? amount : amount.startsWith("-") ? amount.slice(1) : `-${amount}`);
      expect([asOf, receivable.totals.total, payable.totals.total]).toEqual([asOf, balance("1200"), owed(balance("2110"))]);
      const sum = (rows: { total: string }[]) => rows.reduce((total, row) => total + Math.round(Number(row.total) * 100), 0) / 100;
      expect(sum(receivable.parties)).toBeCloseTo(Number(receivable.totals.total), 2);
    }
  });

  it("buckets by days past due in the base currency at each document's rate, credits negative, and per document currency", async () => {
    const report = await ok(org.api, "/reports/aging?type=receivable&asOf=2026-04-09");
    const byParty = Object.fromEntries((report.parties as { partyId: string }[]).map((p) => [p.partyId, p]));
    // A1 (USD 1000 at 0.90, due 01-24): 600.00 USD open = 540.00 EUR, 75 days past due. A2 voided on 04-05.
    expect(byParty[ids.usd!]).toMatchObject({
      code: "C-USD",
      name: "C-USD Trading",
      current: "0.00",
      days61To90: "540.00",
      unallocatedCredits: "0.00",
      total: "540.00",
      items: [{ kind: "invoice", id: ids.a1, currency: "USD", total: "1000.00", open: "600.00", baseOpen: "540.00", daysPastDue: 75, bucket: "days61To90" }],
    });
    // B1 (EUR 460 incl. VAT, due 03-03) credited 120 and paid 340: settled. The overpayment's 160 went 100 to B2 (not due yet): 60 credit left.
    expect(byParty[ids.eur!]).toMatchObject({ current: "0.00", unallocatedCredits: "-60.00", total: "-60.00" });
    expect(report.totals).toEqual({ current: "0.00", days1To30: "0.00", days31To60: "0.00", days61To90: "540.00", over90: "0.00", unallocatedCredits: "-60.00", total: "480.00" });
    expect(report.totalsByCurrency).toEqual([
      { currency: "EUR", current: "0.00", days1To30: "0.00", days31To60: "0.00", days61To90: "0.00", over90: "0.00", unallocatedCredits: "-60.00", total: "-60.00" },
      { currency: "USD", current: "0.00", days1To30: "0.00", days31To60: "0.00", days61To90: "600.00", over90: "0.00", unallocatedCredits: "0.00", total: "600.00" },
    ]);
    const before = await ok(org.api, `/reports/aging?type=receivable&asOf=2026-04-03&partyId=${ids.usd!}`);
    expect(before.parties.map((p: { partyId: string }) => p.partyId)).toEqual([ids.usd]);
    expect(before.parties[0].items.map((i: { id: string; bucket: string; baseOpen: string }) => [i.id, i.bucket, i.baseOpen])).toEqual([
      [ids.a1, "days61To90", "540.00"],
      [ids.a2, "current", "276.00"],
    ]);
  });

  it("the CSV's days past due are 0 for a document not yet due (QA: it printed the negative days until due)", async () => {
    const json = await ok(org.api, `/reports/aging?type=receivable&asOf=2026-04-03&partyId=${ids.usd!}`);
    const items = json.parties[0].items as { number: string; daysPastDue: number }[];
    expect(items.map((item) => item.daysPastDue)).toEqual([69, -12]);
    const csv = await org.api.get(`/reports/aging?type=receivable&asOf=2026-04-03&partyId=${ids.usd!}&format=csv`);
    expect(csv.status).toBe(200);
    const [header, ...rows] = csv.text.trim().split(/\r?\n/).map((row) => row.split(","));
    const [numberAt, daysAt] = [header!.indexOf("Number"), header!.indexOf("Days past due")];
    expect(rows.filter((row) => row[numberAt]).map((row) => [row[numberAt], row[daysAt]])).toEqual([
      [items[0]!.number, "69"],
      [items[1]!.number, "0"],
    ]);
  });

  it("today: what the documents and payments say now (the loss's payment voided: A1 owes 600.00 USD again)", async () => {
    const report = await ok(org.api, `/reports/aging?type=receivable&asOf=${today}&partyId=${ids.usd!}`);
    const a1 = await ok(org.api, `/invoices/${ids.a1!}`);
    expect(a1).toMatchObject({ status: "partially_paid", amountDue: "600.00", baseAmountDue: "540.00" });
    expect(report.parties[0].items).toEqual([expect.objectContaining({ id: ids.a1, open: "600.00", baseOpen: "540.00", bucket: "over90" })]);
  });

  it("the statement's closing balance is the party's aging total; it lists the exchange differences and the void", async () => {
    const statement = await ok(org.api, `/customers/${ids.usd!}/statement?from=2026-01-01&to=${today}`);
    const aging = await ok(org.api, `/reports/aging?type=receivable&asOf=${today}&partyId=${ids.usd!}`);
    expect(statement.openingBalance).toBe("0.00");
    expect(statement.closingBalance).toBe(aging.totals.total);
    expect(statement.lines.map((l: { type: string; amount: string }) => [l.type, l.amount])).toEqual([
      ["invoice", "900.00"],
      ["payment", "-380.00"],
      ["allocation_fx", "20.00"],
      ["invoice", "276.00"],
      ["invoice_void", "-276.00"],
      ["payment", "-510.00"],
      ["allocation_fx", "-30.00"],
      ["payment_void", "510.00"],
      ["allocation_fx_void", "30.00"],
    ]);
    const csv = await org.api.get(`/reports/aging?type=receivable&asOf=2026-04-09`).set("Accept", "text/csv");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const rows = csv.text.trim().split(/\r?\n/);
    expect(rows[0]).toBe(
      "Party code,Party,Kind,Number,Date,Due date,Days past due,Document currency,Open in document currency,Current,1-30,31-60,61-90,>90,Unallocated credits,Total,Currency",
    );
    expect(rows).toContain(",Total,,,,,,,,0.00,0.00,0.00,540.00,0.00,-60.00,480.00,EUR");
  });
});

describe("an invoice voided on a date before its allocation ended", () => {
  it("leaves the payment's money unallocated from the void's date, as the ledger has it (fast-check found it: seed 37247519)", async () => {
    const org = t.organization();
    const { api } = org;
    const a = await accountsOf(t, api);
    const customerId = await party(org.id, "customer", "C-BACK", { currency: "EUR", paymentTermsDays: 30 });
    const payment = await expecting(
      api.post("/payments", { direction: "received", partyId: customerId, paymentDate: "2026-03-26", amount: "100.00", currency: "EUR", accountId: a.bank, allocations: [] }),
      201,
    );
    const draft = await expecting(api.post("/invoices", { customerId, issueDate: "2026-05-14", lines: [{ description: "Audit", quantity: "1", unitPrice: "100.00" }] }), 201);
    const invoice = await expecting(api.post(`/invoices/${draft.id as string}/issue`), 200);
    await expecting(api.post(`/payments/${payment.id as string}/allocations`, { date: "2026-06-11", allocations: [{ documentId: invoice.id, amount: "100.00" }] }), 200);
    // The payment's void (today) frees the invoice, which is then voided with a date back on 11 June.
    await expecting(api.post(`/payments/${payment.id as string}/void`, { reason: "Bounced" }), 200);
    await expecting(api.post(`/invoices/${invoice.id as string}/void`, { reason: "Wrong customer", date: "2026-06-11" }), 200);

    // On 11 June the books hold the payment (its void is later) and no invoice: the customer has a credit of 100.00.
    const trial = await ok(api, "/reports/trial-balance?asOf=2026-06-11");
    expect((trial.rows as { code: string; closing: string }[]).find((row) => row.code === "1200")?.closing).toBe("-100.00");
    const aging = await ok(api, "/reports/aging?type=receivable&asOf=2026-06-11");
    expect(aging.totals).toMatchObject({ unallocatedCredits: "-100.00", total: "-100.00" });
    expect(aging.parties[0].items).toEqual([expect.objectContaining({ kind: "payment", id: payment.id, open: "-100.00" })]);
    // On 10 June the allocation settled the invoice: nothing open.
    expect((await ok(api, "/reports/aging?type=receivable&asOf=2026-06-10")).totals.total).toBe("0.00");
  });
});

describe("OpenAPI", () => {
  it("documents the CSV the aging and the statements answer (format=csv, Accept: text/csv) beside their JSON", async () => {
    const res = await t.organization().api.get("/openapi.json");
    expect(res.status).toBe(200);
    const base = "/api/v1/finance";
    for (const path of [`${base}/reports/aging`, `${base}/customers/{id}/statement`, `${base}/suppliers/{id}/statement`]) {
      expect([path, Object.keys(res.body.paths[path].get.responses["200"].content).sort()]).toEqual([path, ["application/json", "text/csv"]]);
    }
  });
});

describe("GET /customers/{id}/statement, /suppliers/{id}/statement", () => {
  it("lists the party's movements on its receivable account with the running balance between the opening and closing balances", async () => {
    const org = t.organization();
    const a = await accountsOf(t, org.api);
    const customer = await party(org.id, "customer", "C-STMT");
    const other = await party(org.id, "customer", "C-OTHER");
    // Receivables are control accounts: only documents and payments post to them.
    const owes = (issueDate: string, amount: string, customerId = customer) =>
      postedFixture(org.api, "/invoices", { customerId, issueDate, lines: [{ description: "Goods", quantity: "1", unitPrice: amount }] });
    const opening = await owes("2026-01-10", "500.00");
    const sale = await owes("2026-02-05", "300.00");
    await owes("2026-02-06", "999.00", other);
    const paid = await org.api.post("/payments", {
      direction: "received",
      partyId: customer,
      paymentDate: "2026-02-20",
      amount: "650.00",
      accountId: a.bank,
      allocations: [
        { documentId: opening.id, amount: "500.00" },
        { documentId: sale.id, amount: "150.00" },
      ],
    });
    expect(paid.status).toBe(201);
    await owes("2026-04-01", "10.00");

    const statement = await ok(org.api, `/customers/${customer}/statement?from=2026-02-01&to=2026-03-31`);
    expect(statement).toMatchObject({
      party: { type: "customer", id: customer, code: "C-STMT", name: "C-STMT Trading", currency: "EUR" },
      from: "2026-02-01",
      to: "2026-03-31",
      currency: "EUR",
      openingBalance: "500.00",
      closingBalance: "150.00",
    });
    expect(statement.lines.map((l: Record<string, string>) => [l.date, l.type, l.number, l.currency, l.currencyAmount, l.amount, l.balance])).toEqual([
      ["2026-02-05", "invoice", sale.number, "EUR", "300.00", "300.00", "800.00"],
      ["2026-02-20", "payment", paid.body.data.number, "EUR", "-650.00", "-650.00", "150.00"],
    ]);

    const csv = await org.api.get(`/customers/${customer}/statement?from=2026-02-01&to=2026-03-31&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe("Date,Type,Number,Entry,Due date,Description,Line currency,Amount in line currency,Amount,Balance,Currency");
    expect(lines[1]).toBe("2026-02-01,,,,,Opening balance,,,,500.00,EUR");
    expect(lines.at(-1)).toBe("2026-03-31,,,,,Closing balance,,,,150.00,EUR");
    expect(lines).toHaveLength(5);

    // Without dates: this month up to today; a `from` ahead of today alone is a range of that day.
    const today = new Date().toISOString().slice(0, 10);
    const current = await ok(org.api, `/customers/${customer}/statement`);
    expect([current.from, current.to, current.openingBalance, current.lines, current.closingBalance]).toEqual([`${today.slice(0, 7)}-01`, today, "160.00", [], "160.00"]);
    const ahead = await ok(org.api, `/customers/${customer}/statement?from=2099-01-01`);
    expect([ahead.from, ahead.to, ahead.closingBalance]).toEqual(["2099-01-01", "2099-01-01", "160.00"]);
  });

  it("a supplier's statement shows what the organization owes it as positive", async () => {
    const org = t.organization();
    const a = await accountsOf(t, org.api);
    const supplier = await party(org.id, "supplier", "S-1");
    const bill = await postedFixture(org.api, "/bills", { supplierId: supplier, issueDate: "2026-03-01", lines: [{ description: "Rent", quantity: "1", unitPrice: "800.00", accountId: a.rent }] });
    const paid = await org.api.post("/payments", {
      direction: "made",
      partyId: supplier,
      paymentDate: "2026-03-15",
      amount: "300.00",
      accountId: a.bank,
      allocations: [{ documentId: bill.id, amount: "300.00" }],
    });
    expect(paid.status).toBe(201);
    const statement = await ok(org.api, `/suppliers/${supplier}/statement?from=2026-03-01&to=2026-03-31`);
    expect([statement.openingBalance, statement.lines.map((l: { amount: string; balance: string }) => [l.amount, l.balance]), statement.closingBalance]).toEqual([
      "0.00",
      [
        ["800.00", "800.00"],
        ["-300.00", "500.00"],
      ],
      "500.00",
    ]);
  });

  it("404 for a party finance does not know, another organization's, or a customer asked for as a supplier", async () => {
    const org = t.organization();
    const other = t.organization();
    const theirs = await party(other.id, "customer", "C-THEIRS");
    const mine = await party(org.id, "customer", "C-MINE");
    for (const [path, message] of [
      [`/customers/${randomUUID()}/statement`, "Customer not found"],
      [`/customers/${theirs}/statement`, "Customer not found"],
      [`/suppliers/${mine}/statement`, "Supplier not found"],
    ]) {
      const res = await org.api.get(`${path}?from=2026-01-01&to=2026-12-31`);
      // QA: "No such customer not found".
      expect([path, res.status, res.body.error.code, res.body.error.message]).toEqual([path, 404, "NOT_FOUND", message]);
    }
  });

  it("400 with details for dates out of order, a missing date, an id that is not a uuid; 403 without finance.report.read", async () => {
    const org = t.organization();
    const customer = await party(org.id, "customer", "C-400");
    const cases: [string, string][] = [
      [`/customers/${customer}/statement?from=2026-03-01&to=2026-02-28`, "to"],
      [`/customers/${customer}/statement?from=2026-02-30`, "from"],
      [`/customers/C-400/statement?from=2026-01-01&to=2026-02-28`, "id"],
    ];
    for (const [path, field] of cases) {
      const res = await org.api.get(path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 400, "VALIDATION_FAILED"]);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    const viewer = t.api(t.token(org.id, [permissions.invoiceRead]));
    expect((await viewer.get(`/customers/${customer}/statement?from=2026-01-01&to=2026-02-28`)).status).toBe(403);
  });
});
