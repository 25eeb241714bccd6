/**
 * /expenses and /revenue through the finance app and a real database: recording (numbers, the
 * entry, tax, foreign currency), the trial balance after each posting, validation (400, nothing
 * written), the business rules (422 naming the field), permissions (403), organizations (404),
 * void (and twice: 409), lists and Idempotency-Key replays.
 */
import { randomUUID } from "node:crypto";
import { organizationIdOf, type Scope } from "@erp/scope";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { bankAccount } from "../bank-accounts/bank-account.fixtures";
import { taxRateFixture } from "../documents/document-fixtures";
import { inLedger } from "../ledger/ledger-transaction";
import { organizationWithLedger, party, type TestOrganization } from "../payments/payment.fixtures";
import { recordCashTransaction } from "./record-cash-transaction";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

/** The date `n` days from today (UTC). */
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

interface CashTransaction {
  id: string;
  number: string;
  status: string;
  netAmount: string;
  taxAmount: string;
  amount: string;
  baseAmount: string;
  journalEntryId: string;
  bankLineId: string;
  voidEntryId: string | null;
}

const record = async (api: Api, path: "/expenses" | "/revenue", body: Record<string, unknown>): Promise<CashTransaction> => {
  const res = await api.post(path, body);
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as CashTransaction;
};

async function setUp() {
  const org = await organizationWithLedger(t);
  const [bank, cash, office, otherIncome, inputTax, outputTax] = await Promise.all(
    ["1120", "1110", "6400", "4900", "1400", "2200"].map(async (code) => (await t.account(org.api, code)).id),
  );
  return { org, bank: bank!, cash: cash!, office: office!, otherIncome: otherIncome!, inputTax: inputTax!, outputTax: outputTax! };
}

/** The entry's lines as [account id, debit, credit, base debit, base credit]. */
async function entryLines(api: Api, id: string): Promise<string[][]> {
  const entry = (await api.get(`/journal-entries/${id}`)).body.data;
  return entry.lines.map((l: Record<string, string>) => [l.accountId, l.debit, l.credit, l.baseDebit, l.baseCredit]);
}

/** The trial balance balances; the closing balance of each code asked for. */
async function trialBalance(org: TestOrganization, ...codes: string[]) {
  const res = await org.api.get("/reports/trial-balance?asOf=2026-12-31");
  expect(res.status).toBe(200);
  const report = res.body.data as { rows: { code: string; closing: string }[]; totals: { debit: string; credit: string } };
  expect(report.totals.debit).toBe(report.totals.credit);
  return codes.map((code) => report.rows.find((row) => row.code === code)?.closing ?? "0");
}

async function countRows(orgId: string): Promise<number> {
  const { rows } = await t.owner.query<{ n: string }>("SELECT count(*)::text AS n FROM finance.cash_transactions WHERE organization_id = $1", [orgId]);
  return Number(rows[0]!.n);
}

describe("POST /expenses", () => {
  it("records an expense of 120.00 at 20 %: EXP-2026-0001, Dr office supplies 100.00 + Dr input tax 20.00 / Cr bank 120.00, finance.expense.recorded", async () => {
    const { org, bank, office, inputTax } = await setUp();
    const purchaseTax = await taxRateFixture(org.api, { rate: "20", appliesTo: "purchase" });
    const res = await org.api.post("/expenses", {
      date: "2026-03-14",
      counterparty: "Office Supplies Ltd",
      accountId: office,
      amount: "120.00",
      taxRateId: purchaseTax,
      bankAccountId: bank,
      reference: "Receipt 88412",
      attachmentUrl: "https://files.example.com/receipts/88412.pdf",
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/finance/expenses/${res.body.data.id}`);
    const expense = res.body.data;
    expect(expense).toMatchObject({
      kind: "expense",
      number: "EXP-2026-0001",
      status: "posted",
      date: "2026-03-14",
      counterparty: "Office Supplies Ltd",
      party: null,
      accountId: office,
      bankAccountId: bank,
      amountIncludesTax: true,
      netAmount: "100.00",
      taxRateId: purchaseTax,
      taxRate: "20",
      taxAmount: "20.00",
      amount: "120.00",
      currency: "EUR",
      exchangeRate: "1",
      baseCurrency: "EUR",
      baseAmount: "120.00",
      reference: "Receipt 88412",
      attachmentUrl: "https://files.example.com/receipts/88412.pdf",
      voidEntryId: null,
    });
    const entry = (await org.api.get(`/journal-entries/${expense.journalEntryId}`)).body.data;
    expect(entry).toMatchObject({ status: "posted", source: { type: "expense", id: expense.id }, reference: "Receipt 88412" });
    expect(await entryLines(org.api, expense.journalEntryId)).toEqual([
      [office, "100.00", "0.00", "100.00", "0.00"],
      [inputTax, "20.00", "0.00", "20.00", "0.00"],
      [bank, "0.00", "120.00", "0.00", "120.00"],
    ]);
    expect(entry.lines.find((l: { accountId: string }) => l.accountId === bank).id).toBe(expense.bankLineId);
    expect((await org.api.get(`/expenses/${expense.id}`)).body.data).toEqual(expense);
    const events = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.expense.recorded");
    expect(events.map((row) => row.envelope.data)).toEqual([
      expect.objectContaining({ number: "EXP-2026-0001", netAmount: "100.00", taxAmount: "20.00", amount: "120.00", baseAmount: "120.00", journalEntryId: expense.journalEntryId }),
    ]);
    expect(await trialBalance(org, "6400", "1400", "1120")).toEqual(["100.00", "20.00", "-120.00"]);
    expect((await record(org.api, "/expenses", { date: "2026-03-15", accountId: office, amount: "5.00", bankAccountId: bank })).number).toBe("EXP-2026-0002");
    expect((await org.api.delete(`/tax-rates/${purchaseTax}`)).status).toBe(409);
  });

  it("a supplier as payee and a net amount: tax is round(net × rate / 100) per the documents' rule (33.33 at 20 % → 6.67), paid from cash", async () => {
    const { org, cash, office, inputTax } = await setUp();
    const supplier = await party(t, org, { kind: "supplier" });
    const purchaseTax = await taxRateFixture(org.api, { rate: "20", appliesTo: "purchase" });
    const expense = await record(org.api, "/expenses", {
      date: "2026-03-14",
      partyId: supplier,
      accountId: office,
      amount: "33.33",
      amountIncludesTax: false,
      taxRateId: purchaseTax,
      bankAccountId: cash,
    });
    expect(expense).toMatchObject({ party: { type: "supplier", id: supplier }, counterparty: null, netAmount: "33.33", taxAmount: "6.67", amount: "40.00" });
    expect(await entryLines(org.api, expense.journalEntryId)).toEqual([
      [office, "33.33", "0.00", "33.33", "0.00"],
      [inputTax, "6.67", "0.00", "6.67", "0.00"],
      [cash, "0.00", "40.00", "0.00", "40.00"],
    ]);
    await trialBalance(org);
  });

  it("in a foreign currency: a USD bank account's currency is the default, at the organization's rate on the date or the rate given", async () => {
    const { org, office, inputTax } = await setUp();
    const usdBank = (await org.api.post("/accounts", { code: "1125", name: "Bank USD", type: "asset", subtype: "bank", currency: "USD" })).body.data.id;
    expect((await org.api.post("/exchange-rates", { currency: "USD", effectiveDate: "2026-03-01", rate: "0.9" })).status).toBe(201);
    const purchaseTax = await taxRateFixture(org.api, { rate: "20", appliesTo: "purchase" });
    const expense = await record(org.api, "/expenses", { date: "2026-03-14", accountId: office, amount: "100.00", taxRateId: purchaseTax, bankAccountId: usdBank });
    expect(expense).toMatchObject({ currency: "USD", exchangeRate: "0.9", netAmount: "83.33", taxAmount: "16.67", amount: "100.00", baseAmount: "90.00" });
    // 83.33 × 0.9 = 74.997 → 75.00 and 16.67 × 0.9 = 15.003 → 15.00: the bases balance without a rounding line.
    expect(await entryLines(org.api, expense.journalEntryId)).toEqual([
      [office, "83.33", "0.00", "75.00", "0.00"],
      [inputTax, "16.67", "0.00", "15.00", "0.00"],
      [usdBank, "0.00", "100.00", "0.00", "90.00"],
    ]);
    const given = await record(org.api, "/expenses", { date: "2026-03-20", accountId: office, amount: "10.00", exchangeRate: "0.95", bankAccountId: usdBank });
    expect(given).toMatchObject({ currency: "USD", exchangeRate: "0.95", baseAmount: "9.50" });
    expect(await trialBalance(org, "1125", "6400")).toEqual(["-99.50", "84.50"]);

    const noRate = await org.api.post("/expenses", { date: "2026-03-20", accountId: office, amount: "10.00", currency: "GBP", bankAccountId: (await t.account(org.api, "1110")).id });
    expect(noRate.status).toBe(422);
    const eurRate = await org.api.post("/expenses", { date: "2026-03-20", accountId: office, amount: "10.00", exchangeRate: "1.1", bankAccountId: (await t.account(org.api, "1120")).id });
    expect([eurRate.status, eurRate.body.error.code, eurRate.body.error.details]).toEqual([422, "INVALID_EXCHANGE_RATE", [expect.objectContaining({ path: "exchangeRate" })]]);
    expect(await countRows(org.id)).toBe(2);
  });

  it("400 with the fields named and nothing written", async () => {
    const { org, bank, office } = await setUp();
    const res = await org.api.post("/expenses", { date: "2026-02-30", accountId: "nope", amount: "-5", bankAccountId: bank, attachmentUrl: "ftp://x y", extra: 1 });
    expect([res.status, res.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["date", "accountId", "amount", "attachmentUrl"]));
    const precision = await org.api.post("/expenses", { date: "2026-03-01", accountId: office, amount: "1.001", bankAccountId: bank });
    expect([precision.status, precision.body.error.details[0].path]).toEqual([422, "amount"]);
    expect(await countRows(org.id)).toBe(0);
    expect((await t.outbox(org.id)).filter((row) => row.event_type.startsWith("finance.expense"))).toEqual([]);
  });

  it("422 naming the field: not an expense account, not a bank or cash account, a customer as payee, a sales-only tax rate; nothing written", async () => {
    const { org, bank, office, otherIncome } = await setUp();
    const customer = await party(t, org, { kind: "customer" });
    const salesTax = await taxRateFixture(org.api, { rate: "20", appliesTo: "sales" });
    const base = { date: "2026-03-01", accountId: office, amount: "10.00", bankAccountId: bank };
    const refused = async (body: Record<string, unknown>) => {
      const res = await org.api.post("/expenses", { ...base, ...body });
      return [res.status, res.body.error.code, res.body.error.details?.[0]?.path];
    };
    expect(await refused({ accountId: otherIncome })).toEqual([422, "INVALID_CATEGORY_ACCOUNT", "accountId"]);
    expect(await refused({ accountId: (await t.account(org.api, "6000")).id })).toEqual([422, "INVALID_CATEGORY_ACCOUNT", "accountId"]);
    expect(await refused({ accountId: randomUUID() })).toEqual([422, "UNKNOWN_ACCOUNT", "accountId"]);
    expect(await refused({ bankAccountId: office })).toEqual([422, "INVALID_PAYMENT_ACCOUNT", "bankAccountId"]);
    expect(await refused({ bankAccountId: randomUUID() })).toEqual([422, "UNKNOWN_ACCOUNT", "bankAccountId"]);
    expect(await refused({ partyId: customer })).toEqual([422, "UNKNOWN_SUPPLIER", "partyId"]);
    expect(await refused({ taxRateId: salesTax })).toEqual([422, "TAX_RATE_NOT_APPLICABLE", "taxRateId"]);
    expect(await countRows(org.id)).toBe(0);
    expect((await record(org.api, "/expenses", base)).number).toBe("EXP-2026-0001");
  });

  it("403 without finance.expense.record (before validation) or finance.expense.void; a viewer reads", async () => {
    const { org, bank, office } = await setUp();
    const expense = await record(org.api, "/expenses", { date: "2026-03-01", accountId: office, amount: "10.00", bankAccountId: bank });
    const viewer = t.api(t.viewerToken(org.id));
    expect((await viewer.post("/expenses", {})).status).toBe(403);
    expect((await viewer.post(`/expenses/${expense.id}/void`, { reason: "x" })).status).toBe(403);
    expect((await viewer.get(`/expenses/${expense.id}`)).status).toBe(200);
    expect((await viewer.get("/expenses")).body.data).toHaveLength(1);
    const recorder = t.api(t.token(org.id, ["finance.expense.read", "finance.expense.record"]));
    expect((await recorder.post(`/expenses/${expense.id}/void`, { reason: "x" })).status).toBe(403);
    expect((await recorder.post("/revenue", {})).status).toBe(403);
    expect((await t.api(t.token(org.id, ["finance.revenue.read"])).get("/expenses")).status).toBe(403);
    expect((await org.api.get(`/expenses/${expense.id}`)).body.data.status).toBe("posted");
  });

  it("another organization's expense is 404 for every route and stays as it was; an expense is not found under /revenue", async () => {
    const { org, bank, office } = await setUp();
    const expense = await record(org.api, "/expenses", { date: "2026-03-01", accountId: office, amount: "10.00", bankAccountId: bank });
    const other = await organizationWithLedger(t);
    expect((await other.api.get(`/expenses/${expense.id}`)).status).toBe(404);
    expect((await other.api.post(`/expenses/${expense.id}/void`, { reason: "x" })).status).toBe(404);
    expect((await other.api.get("/expenses")).body.data).toEqual([]);
    expect((await org.api.get(`/revenue/${expense.id}`)).status).toBe(404);
    expect((await org.api.post(`/revenue/${expense.id}/void`, { reason: "x" })).status).toBe(404);
    expect((await org.api.get(`/expenses/${expense.id}`)).body.data.status).toBe("posted");
  });

  it("Idempotency-Key: the same key and body replays the first answer (one expense, one entry); another body with the key is 422", async () => {
    const { org, bank, office } = await setUp();
    const key = randomUUID();
    const body = { date: "2026-03-01", accountId: office, amount: "10.00", bankAccountId: bank };
    const first = await org.api.post("/expenses", body).set("Idempotency-Key", key);
    const again = await org.api.post("/expenses", body).set("Idempotency-Key", key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    const other = await org.api.post("/expenses", { ...body, amount: "11.00" }).set("Idempotency-Key", key);
    expect([other.status, other.body.error.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    expect(await countRows(org.id)).toBe(1);
    expect(await trialBalance(org, "6400")).toEqual(["10.00"]);
  });

  it("an expense or revenue dated later than today is 422 DATE_IN_FUTURE naming date, nothing written", async () => {
    const { org, bank, office, otherIncome } = await setUp();
    for (const [path, accountId] of [
      ["/expenses", office],
      ["/revenue", otherIncome],
    ] as const) {
      for (const date of ["2099-01-01", days(2)]) {
        const res = await org.api.post(path, { date, accountId, amount: "10.00", bankAccountId: bank });
        expect([path, res.status, res.body.error.code, res.body.error.details[0].path]).toEqual([path, 422, "DATE_IN_FUTURE", "date"]);
      }
    }
    expect(await countRows(org.id)).toBe(0);
  });
});

describe("POST /revenue", () => {
  it("records other revenue: REV-2026-0001, Dr bank 120.00 / Cr other income 100.00 + Cr output tax 20.00, from a customer; finance.revenue.recorded", async () => {
    const { org, bank, otherIncome, outputTax } = await setUp();
    const customer = await party(t, org, { kind: "customer" });
    const salesTax = await taxRateFixture(org.api, { rate: "20", appliesTo: "sales" });
    const res = await org.api.post("/revenue", { date: "2026-04-02", partyId: customer, accountId: otherIncome, amount: "120.00", taxRateId: salesTax, bankAccountId: bank });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/finance/revenue/${res.body.data.id}`);
    const revenue = res.body.data;
    expect(revenue).toMatchObject({ kind: "revenue", number: "REV-2026-0001", party: { type: "customer", id: customer }, netAmount: "100.00", taxAmount: "20.00", amount: "120.00" });
    const entry = (await org.api.get(`/journal-entries/${revenue.journalEntryId}`)).body.data;
    expect(entry.source).toEqual({ type: "revenue", id: revenue.id });
    expect(await entryLines(org.api, revenue.journalEntryId)).toEqual([
      [otherIncome, "0.00", "100.00", "0.00", "100.00"],
      [outputTax, "0.00", "20.00", "0.00", "20.00"],
      [bank, "120.00", "0.00", "120.00", "0.00"],
    ]);
    expect(entry.lines.find((l: { accountId: string }) => l.accountId === bank).id).toBe(revenue.bankLineId);
    expect(await trialBalance(org, "1120", "4900", "2200")).toEqual(["120.00", "-100.00", "-20.00"]);
    const events = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.revenue.recorded");
    expect(events.map((row) => row.envelope.data)).toEqual([expect.objectContaining({ number: "REV-2026-0001", partyId: customer, amount: "120.00" })]);
    const expenseAccount = await org.api.post("/revenue", { date: "2026-04-02", accountId: (await t.account(org.api, "6400")).id, amount: "1.00", bankAccountId: bank });
    expect([expenseAccount.status, expenseAccount.body.error.code, expenseAccount.body.error.details[0].path]).toEqual([422, "INVALID_CATEGORY_ACCOUNT", "accountId"]);
    const supplier = await org.api.post("/revenue", { date: "2026-04-02", partyId: await party(t, org, { kind: "supplier" }), accountId: otherIncome, amount: "1.00", bankAccountId: bank });
    expect([supplier.status, supplier.body.error.code]).toEqual([422, "UNKNOWN_CUSTOMER"]);
  });

  it("OpenAPI: POST /revenue has a revenue example of its own (money in on an income account), not the expense's", async () => {
    const { org } = await setUp();
    const document = (await org.api.get("/openapi.json")).body;
    type Schema = { $ref?: string; example?: Record<string, unknown>; allOf?: Schema[] };
    const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(document.components.schemas[schema.$ref.split("/").at(-1)!]) : schema);
    const example = (path: string) => {
      const schema = resolve(document.paths[`/api/v1/finance${path}`].post.requestBody.content["application/json"].schema);
      return schema.example ?? schema.allOf?.map(resolve).find((part) => part.example !== undefined)?.example;
    };
    const [expense, revenue] = [example("/expenses"), example("/revenue")];
    expect(expense).toMatchObject({ counterparty: "Office Supplies Ltd" });
    expect(revenue).toEqual(expect.objectContaining({ date: expect.any(String), accountId: expect.any(String), amount: expect.any(String), bankAccountId: expect.any(String) }));
    expect(revenue!.accountId).not.toBe(expense!.accountId);
    expect(revenue!.taxRateId).not.toBe(expense!.taxRateId);
    expect(revenue!.counterparty).not.toBe(expense!.counterparty);
  });
});

describe("POST /{expenses,revenue}/{id}/void", () => {
  it("reverses the entry and keeps it void with the reason; the balances go back; voiding twice is 409; the journal's reverse route refuses its entry", async () => {
    const { org, bank, office, otherIncome } = await setUp();
    const purchaseTax = await taxRateFixture(org.api, { rate: "20", appliesTo: "purchase" });
    const expense = await record(org.api, "/expenses", { date: "2026-03-01", accountId: office, amount: "120.00", taxRateId: purchaseTax, bankAccountId: bank });
    const revenue = await record(org.api, "/revenue", { date: "2026-03-02", accountId: otherIncome, amount: "50.00", bankAccountId: bank });
    const manual = await org.api.post(`/journal-entries/${expense.journalEntryId}/reverse`, { date: "2026-03-05" });
    expect([manual.status, manual.body.error.code]).toEqual([409, "INVALID_STATE"]);

    const res = await org.api.post(`/expenses/${expense.id}/void`, { reason: "Recorded twice" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: "void", voidReason: "Recorded twice", voidedBy: expect.any(String) });
    const reversal = (await org.api.get(`/journal-entries/${res.body.data.voidEntryId}`)).body.data;
    expect(reversal).toMatchObject({ status: "posted", reversalOfEntryId: expense.journalEntryId });
    expect(await trialBalance(org, "6400", "1400", "1120")).toEqual(["0.00", "0.00", "50.00"]);
    const voided = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.expense.voided");
    expect(voided.map((row) => row.envelope.data)).toEqual([
      { number: expense.number, amount: "120.00", currency: "EUR", reason: "Recorded twice", reversalEntryId: res.body.data.voidEntryId },
    ]);

    const twice = await org.api.post(`/expenses/${expense.id}/void`, { reason: "Again" });
    expect([twice.status, twice.body.error.code]).toEqual([409, "INVALID_STATE"]);
    const empty = await org.api.post(`/revenue/${revenue.id}/void`, {});
    expect([empty.status, empty.body.error.details[0].path]).toEqual([400, "reason"]);

    expect((await org.api.post(`/revenue/${revenue.id}/void`, { reason: "Refunded" })).body.data.status).toBe("void");
    expect((await org.api.post(`/revenue/${revenue.id}/void`, { reason: "Again" })).status).toBe(409);
    expect((await t.outbox(org.id)).filter((row) => row.event_type === "finance.revenue.voided")).toHaveLength(1);
    expect(await trialBalance(org, "1120", "4900")).toEqual(["0.00", "0.00"]);
  });
  it("an expense or revenue a statement line is reconciled with cannot be voided: 409 EXPENSE_RECONCILED / REVENUE_RECONCILED, nothing reversed", async () => {
    const { org, office, otherIncome } = await setUp();
    const main = await bankAccount(org.api, { name: "Main", openingBalance: "1000.00", openingDate: "2026-01-01" });
    const expense = await record(org.api, "/expenses", { date: "2026-03-05", accountId: office, amount: "50.00", bankAccountId: main.accountId });
    const revenue = await record(org.api, "/revenue", { date: "2026-03-07", accountId: otherIncome, amount: "80.00", bankAccountId: main.accountId });
    const statement = await org.api.postCsv(`/bank-accounts/${main.id}/statements`, "date,description,amount\n2026-03-05,Paper,-50.00\n2026-03-07,Interest,80.00");
    expect(statement.status).toBe(201);
    const [paper, interest] = statement.body.data.statement.lines.map((line: { id: string }) => line.id);
    const matched = await org.api.post(`/bank-accounts/${main.id}/reconciliation`, {
      matches: [
        { statementLineId: paper, journalLineId: expense.bankLineId },
        { statementLineId: interest, journalLineId: revenue.bankLineId },
      ],
    });
    expect(matched.status).toBe(200);

    const voidExpense = await org.api.post(`/expenses/${expense.id}/void`, { reason: "x" });
    expect([voidExpense.status, voidExpense.body.error.code]).toEqual([409, "EXPENSE_RECONCILED"]);
    const voidRevenue = await org.api.post(`/revenue/${revenue.id}/void`, { reason: "x" });
    expect([voidRevenue.status, voidRevenue.body.error.code]).toEqual([409, "REVENUE_RECONCILED"]);
    expect((await org.api.get(`/expenses/${expense.id}`)).body.data).toMatchObject({ status: "posted", voidEntryId: null });
    expect((await org.api.get(`/revenue/${revenue.id}`)).body.data).toMatchObject({ status: "posted", voidEntryId: null });
  });
});

describe("GET /expenses", () => {
  it("filters by dates, account, bank account, party, status and q (number, counterparty, reference), newest first, in keyset pages", async () => {
    const { org, bank, cash, office } = await setUp();
    const travel = (await t.account(org.api, "6500")).id;
    const supplier = await party(t, org, { kind: "supplier" });
    const at = (date: string, extra: Record<string, unknown> = {}) =>
      record(org.api, "/expenses", { date, accountId: office, amount: "10.00", bankAccountId: bank, ...extra });
    const e1 = await at("2026-01-10", { counterparty: "Taxi Co", reference: "T-77" });
    const e2 = await at("2026-02-10", { accountId: travel, partyId: supplier });
    const e3 = await at("2026-03-10", { bankAccountId: cash });
    await record(org.api, "/revenue", { date: "2026-02-11", accountId: (await t.account(org.api, "4900")).id, amount: "1.00", bankAccountId: bank });
    expect((await org.api.post(`/expenses/${e2.id}/void`, { reason: "Wrong" })).status).toBe(200);

    const numbers = async (query: string) => ((await org.api.get(`/expenses?${query}`)).body.data as CashTransaction[]).map((e) => e.number);
    expect(await numbers("")).toEqual([e3.number, e2.number, e1.number]);
    expect(await numbers("from=2026-02-01&to=2026-02-28")).toEqual([e2.number]);
    expect(await numbers(`accountId=${travel}`)).toEqual([e2.number]);
    expect(await numbers(`bankAccountId=${cash}`)).toEqual([e3.number]);
    expect(await numbers(`partyId=${supplier}`)).toEqual([e2.number]);
    expect(await numbers("status=void")).toEqual([e2.number]);
    expect(await numbers("q=taxi")).toEqual([e1.number]);
    expect(await numbers("q=t-77")).toEqual([e1.number]);
    expect(await numbers("q=EXP-2026-0003")).toEqual([e3.number]);
    expect(await numbers("sort=number")).toEqual([e1.number, e2.number, e3.number]);
    expect(((await org.api.get("/revenue")).body.data as CashTransaction[]).map((r) => r.number)).toEqual(["REV-2026-0001"]);

    const first = await org.api.get("/expenses?limit=2&count=true");
    expect(first.body.page).toMatchObject({ hasMore: true, total: 3 });
    const rest = await org.api.get(`/expenses?limit=2&cursor=${encodeURIComponent(first.body.page.nextCursor)}`);
    expect(rest.body.data.map((e: CashTransaction) => e.number)).toEqual([e1.number]);

    const smallest = await at("2026-03-11", { amount: "9.50" });
    const byAmount = await org.api.get("/expenses?sort=-amount&limit=2");
    expect(byAmount.body.data.map((e: CashTransaction) => e.number)).toEqual([e3.number, e2.number]);
    const after = await org.api.get(`/expenses?sort=-amount&limit=2&cursor=${encodeURIComponent(byAmount.body.page.nextCursor)}`);
    expect(after.body.data.map((e: CashTransaction) => e.number)).toEqual([e1.number, smallest.number]);
  });
});

describe("recordCashTransaction (what bank reconciliation calls)", () => {
  it("records in the caller's transaction and answers the bank line's id; a refusal later in that transaction leaves nothing and the number free", async () => {
    const { org, bank, office } = await setUp();
    const scope: Scope = { organizationId: organizationIdOf(org.id), actor: { type: "user", id: "reconciler" } };
    const input = { kind: "revenue" as const, date: "2026-05-02", accountId: (await t.account(org.api, "4900")).id, amount: "75.00", bankAccountId: bank, reference: "Stmt 12" };
    await expect(
      inLedger(t.ledger, scope, async (tx) => {
        await recordCashTransaction(tx, scope, input);
        throw new Error("the match failed");
      }),
    ).rejects.toThrow("the match failed");
    expect(await countRows(org.id)).toBe(0);

    const { transaction, bankLineId } = await inLedger(t.ledger, scope, (tx) => recordCashTransaction(tx, scope, input));
    expect(transaction).toMatchObject({ kind: "revenue", number: "REV-2026-0001", amount: "75.00", bankLineId, createdBy: "reconciler" });
    const lines = (await org.api.get(`/journal-entries/${transaction.journalEntryId}`)).body.data.lines;
    expect(lines.find((l: { id: string }) => l.id === bankLineId)).toMatchObject({ accountId: bank, debit: "75.00" });
    await expect(inLedger(t.ledger, scope, (tx) => recordCashTransaction(tx, scope, { ...input, kind: "expense", accountId: office, amount: "0.01", taxRateId: randomUUID() }))).rejects.toMatchObject({
      code: "UNKNOWN_TAX_RATE",
    });
  });

  it("422 AMOUNT_NOT_POSITIVE when the tax takes the whole amount (a tax rounding to 0 posts no tax line), PARTY_ARCHIVED for an archived supplier, PERIOD_LOCKED on or before the lock date (number kept free)", async () => {
    const { org, bank, office } = await setUp();
    const fullTax = await taxRateFixture(org.api, { rate: "100", appliesTo: "purchase" });
    const archived = await party(t, org, { kind: "supplier", archived: true });
    const base = { date: "2026-04-10", accountId: office, amount: "10.00", bankAccountId: bank };
    const tiny = await org.api.post("/expenses", { ...base, amount: "0.01", taxRateId: fullTax });
    expect([tiny.status, tiny.body.error.code, tiny.body.error.details[0].path]).toEqual([422, "AMOUNT_NOT_POSITIVE", "amount"]);
    const purchaseTax = await taxRateFixture(org.api, { rate: "20", appliesTo: "purchase" });
    const noTax = await record(org.api, "/expenses", { ...base, date: "2026-04-11", amount: "0.01", taxRateId: purchaseTax });
    expect(noTax).toMatchObject({ netAmount: "0.01", taxAmount: "0.00", amount: "0.01" });
    expect(await entryLines(org.api, noTax.journalEntryId)).toEqual([
      [office, "0.01", "0.00", "0.01", "0.00"],
      [bank, "0.00", "0.01", "0.00", "0.01"],
    ]);
    const gone = await org.api.post("/expenses", { ...base, partyId: archived });
    expect([gone.status, gone.body.error.code, gone.body.error.details[0].path]).toEqual([422, "PARTY_ARCHIVED", "partyId"]);
    expect((await org.api.post("/periods/lock", { lockedThrough: "2026-03-31" })).status).toBe(200);
    const locked = await org.api.post("/expenses", { ...base, date: "2026-03-31" });
    expect([locked.status, locked.body.error.code]).toEqual([422, "PERIOD_LOCKED"]);
    expect(await countRows(org.id)).toBe(1);
    expect((await record(org.api, "/expenses", base)).number).toBe("EXP-2026-0002");
  });
});
