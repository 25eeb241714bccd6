/**
 * /bank-accounts through the finance app and a real database: creation with its ledger account and
 * opening entry, IBAN validation, masked and unmasked numbers, balances from the ledger, rename,
 * archive, validation (400), permissions (403), organizations (404), states (409).
 */
import { randomUUID } from "node:crypto";
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";
import { bankAccount, exchangeRate, organizationWithLedger, trialBalance } from "./bank-account.fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

/** The date `n` days from today (UTC). */
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const IBAN = "DE89 3704 0044 0532 0130 00";

describe("POST /bank-accounts", () => {
  it("creates the bank account, its ledger account under current assets and the opening entry against opening balance equity; finance.bank_account.created", async () => {
    const org = await organizationWithLedger(t);
    const res = await org.api.post("/bank-accounts", { name: "Main account", bankName: "Commerzbank", accountNumber: IBAN, openingBalance: "1500.00", openingDate: "2026-01-01" });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/finance/bank-accounts/${res.body.data.id}`);
    const account = res.body.data;
    expect(account).toMatchObject({
      name: "Main account",
      bankName: "Commerzbank",
      accountNumber: "DE89 3704 0044 0532 0130 00",
      accountNumberMasked: false,
      isIban: true,
      currency: "EUR",
      accountCode: "1121",
      openingBalance: "1500.00",
      openingDate: "2026-01-01",
      balance: { amount: "1500.00", currency: "EUR", baseAmount: "1500.00", baseCurrency: "EUR" },
      status: "active",
    });
    const ledgerAccount = (await org.api.get(`/accounts/${account.accountId}`)).body.data;
    const currentAssets = await t.account(org.api, "1100");
    expect(ledgerAccount).toMatchObject({ code: "1121", name: "Main account", type: "asset", subtype: "bank", isGroup: false, currency: "EUR", parentId: currentAssets.id });
    const entry = (await org.api.get(`/journal-entries/${account.openingEntryId}`)).body.data;
    const equity = await t.account(org.api, "3300");
    expect(entry).toMatchObject({ status: "posted", date: "2026-01-01", source: { type: "bank_account_opening", id: account.id } });
    expect(entry.lines.map((l: Record<string, unknown>) => [l.accountId, l.debit, l.credit])).toEqual([
      [account.accountId, "1500.00", "0.00"],
      [equity.id, "0.00", "1500.00"],
    ]);
    const events = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.bank_account.created");
    expect(events.map((row) => row.envelope.data)).toEqual([
      expect.objectContaining({ name: "Main account", currency: "EUR", accountId: account.accountId, accountCode: "1121", openingBalance: "1500.00", openingEntryId: entry.id }),
    ]);
    expect(JSON.stringify(events)).not.toContain("3704");

    const second = await bankAccount(org.api, { name: "Savings" });
    expect(second).toMatchObject({ accountCode: "1122", openingEntryId: null, accountNumber: null, balance: { amount: "0.00", baseAmount: "0.00" } });
    const tb = await trialBalance(org.api);
    expect(tb.balanced).toBe(true);
    expect([tb.closing("1121"), tb.closing("3300")]).toEqual(["1500.00", "-1500.00"]);
  });

  it("the opening entry is the bank account's: POST /journal-entries/{id}/reverse refuses it (409), the opening balance and the ledger stay as they were", async () => {
    const org = await organizationWithLedger(t);
    const account = await bankAccount(org.api, { name: "Main", openingBalance: "1500.00", openingDate: "2026-01-01" });
    const reversed = await org.api.post(`/journal-entries/${account.openingEntryId}/reverse`, { date: "2026-01-02" });
    expect([reversed.status, reversed.body.error.code]).toEqual([409, "INVALID_STATE"]);
    expect((await org.api.get(`/journal-entries/${account.openingEntryId}`)).body.data.reversedByEntryId ?? null).toBeNull();
    expect((await org.api.get(`/bank-accounts/${account.id}`)).body.data).toMatchObject({ openingBalance: "1500.00", balance: { amount: "1500.00" } });
  });

  it("an overdrawn opening balance credits the bank; a USD account holds USD, its base balance at the rate", async () => {
    const org = await organizationWithLedger(t);
    const overdrawn = await bankAccount(org.api, { name: "Overdraft", openingBalance: "-200.50", openingDate: "2026-01-01" });
    expect(overdrawn.balance).toEqual({ amount: "-200.50", currency: "EUR", baseAmount: "-200.50", baseCurrency: "EUR" });
    await exchangeRate(org.api, "USD", "0.9");
    const usd = await bankAccount(org.api, { name: "Dollar account", currency: "USD", openingBalance: "1000.00", openingDate: "2026-02-01" });
    expect(usd.balance).toEqual({ amount: "1000.00", currency: "USD", baseAmount: "900.00", baseCurrency: "EUR" });
    const given = await bankAccount(org.api, { name: "Dollar 2", currency: "USD", openingBalance: "100.00", openingDate: "2026-02-01", openingExchangeRate: "0.95" });
    expect(given.balance).toMatchObject({ amount: "100.00", baseAmount: "95.00" });
    expect((await org.api.get(`/accounts/${usd.accountId}`)).body.data.currency).toBe("USD");
    expect((await trialBalance(org.api)).balanced).toBe(true);
  });

  it("400 with details for a bad IBAN, missing name, an opening balance without date, unknown fields; nothing written", async () => {
    const org = await organizationWithLedger(t);
    const bad = await org.api.post("/bank-accounts", { name: "X", accountNumber: "DE88 3704 0044 0532 0130 00" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: [expect.objectContaining({ path: "accountNumber", message: expect.stringContaining("IBAN") })] });
    const res = await org.api.post("/bank-accounts", { openingBalance: "10.00", accountId: randomUUID() });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(expect.arrayContaining(["name"]));
    const noDate = await org.api.post("/bank-accounts", { name: "X", openingBalance: "10.00" });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.details).toEqual([expect.objectContaining({ path: "openingDate" })]);
    expect((await org.api.post("/bank-accounts", { name: "X", openingBalance: "10.001", openingDate: "2026-01-01" })).body.error.code).toBe("AMOUNT_PRECISION");
    const rows = await t.owner.query("SELECT 1 FROM finance.bank_accounts WHERE organization_id = $1", [org.id]);
    expect(rows.rowCount).toBe(0);
    expect((await org.api.get("/accounts?q=1121")).body.data.filter((a: { code: string }) => a.code === "1121")).toEqual([]);
  });

  it("a JPY opening balance with cents is 422 AMOUNT_PRECISION; a foreign currency without a rate 422 EXCHANGE_RATE_MISSING; nothing written", async () => {
    const org = await organizationWithLedger(t);
    await exchangeRate(org.api, "JPY", "0.0062");
    const jpy = await org.api.post("/bank-accounts", { name: "Yen", currency: "JPY", openingBalance: "100.50", openingDate: "2026-02-01" });
    expect([jpy.status, jpy.body.error.code]).toEqual([422, "AMOUNT_PRECISION"]);
    const gbp = await org.api.post("/bank-accounts", { name: "Pound", currency: "GBP", openingBalance: "100.00", openingDate: "2026-02-01" });
    expect(gbp.status).toBe(422);
    expect((await t.owner.query("SELECT 1 FROM finance.bank_accounts WHERE organization_id = $1", [org.id])).rowCount).toBe(0);
  });

  it("an opening date later than today is 422 DATE_IN_FUTURE naming openingDate, nothing written; tomorrow (someone's today) is accepted", async () => {
    const org = await organizationWithLedger(t);
    for (const openingDate of ["2099-01-01", days(2)]) {
      const res = await org.api.post("/bank-accounts", { name: "Ahead", openingBalance: "10.00", openingDate });
      expect([res.status, res.body.error.code, res.body.error.details[0].path]).toEqual([422, "DATE_IN_FUTURE", "openingDate"]);
    }
    expect((await t.owner.query("SELECT 1 FROM finance.bank_accounts WHERE organization_id = $1", [org.id])).rowCount).toBe(0);
    expect((await org.api.post("/bank-accounts", { name: "Tomorrow", openingBalance: "10.00", openingDate: days(1) })).status).toBe(201);
  });
});

describe("account numbers", () => {
  it("are masked without finance.bank_account.read_number, in lists and reads; shown whole with it", async () => {
    const org = await organizationWithLedger(t);
    const iban = await bankAccount(org.api, { name: "Main", accountNumber: IBAN });
    const plain = await bankAccount(org.api, { name: "Local", accountNumber: "0532013000" });
    const reader = t.api(t.token(org.id, ["finance.bank_account.read"]));
    expect((await reader.get(`/bank-accounts/${iban.id}`)).body.data).toMatchObject({ accountNumber: "DE89 **** **** **** **30 00", accountNumberMasked: true });
    const listed = (await reader.get("/bank-accounts")).body.data.map((a: { name: string; accountNumber: string }) => [a.name, a.accountNumber]);
    expect(listed).toEqual([
      ["Local", "******3000"],
      ["Main", "DE89 **** **** **** **30 00"],
    ]);
    const full = t.api(t.token(org.id, ["finance.bank_account.read", "finance.bank_account.read_number"]));
    expect((await full.get(`/bank-accounts/${plain.id}`)).body.data).toMatchObject({ accountNumber: "0532013000", accountNumberMasked: false });
    expect((await full.get(`/bank-accounts/${iban.id}`)).body.data.accountNumber).toBe(IBAN);
  });

  it("q matches only the visible last 4 characters of a masked number: a reader cannot find hidden digits by searching; with read_number the whole number", async () => {
    const org = await organizationWithLedger(t);
    await bankAccount(org.api, { name: "Main", accountNumber: IBAN });
    await bankAccount(org.api, { name: "Local", accountNumber: "0532013000" });
    await bankAccount(org.api, { name: "Short", accountNumber: "1234" });
    const reader = t.api(t.token(org.id, ["finance.bank_account.read"]));
    const full = t.api(t.token(org.id, ["finance.bank_account.read", "finance.bank_account.read_number"]));
    const names = async (api: typeof reader, q: string) => (await api.get(`/bank-accounts?q=${encodeURIComponent(q)}`)).body.data.map((a: { name: string }) => a.name);
    for (const hidden of ["3704", "0532", "DE89370", "0044", "1234"]) expect([hidden, await names(reader, hidden)]).toEqual([hidden, []]);
    expect(await names(reader, "3000")).toEqual(["Local", "Main"]);
    expect(await names(reader, "30")).toEqual(["Local", "Main"]);
    expect(await names(reader, "loc")).toEqual(["Local"]);
    expect(await names(full, "3704")).toEqual(["Main"]);
    expect(await names(full, "0532")).toEqual(["Local", "Main"]);
    expect(await names(full, "1234")).toEqual(["Short"]);
  });
});

describe("reading, renaming and archiving", () => {
  it("lists with filters, renames (the ledger account follows), archives at zero balance, 422 otherwise, 409 when archived", async () => {
    const org = await organizationWithLedger(t);
    const empty = await bankAccount(org.api, { name: "Petty", bankName: "Sparkasse" });
    const funded = await bankAccount(org.api, { name: "Funded", openingBalance: "10.00", openingDate: "2026-01-01" });
    const renamed = await org.api.patch(`/bank-accounts/${empty.id}`, { name: "Petty cash box", bankName: null });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: "Petty cash box", bankName: null });
    expect((await org.api.get(`/accounts/${empty.accountId}`)).body.data.name).toBe("Petty cash box");
    expect((await org.api.patch(`/bank-accounts/${empty.id}`, {})).status).toBe(400);
    expect((await org.api.patch(`/bank-accounts/${empty.id}`, { currency: "USD" })).status).toBe(400);

    const refused = await org.api.post(`/bank-accounts/${funded.id}/archive`);
    expect([refused.status, refused.body.error.code]).toEqual([422, "ACCOUNT_BALANCE_NOT_ZERO"]);
    const archived = await org.api.post(`/bank-accounts/${empty.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.data.status).toBe("archived");
    expect((await org.api.get(`/accounts/${empty.accountId}`)).body.data.status).toBe("archived");
    expect((await org.api.post(`/bank-accounts/${empty.id}/archive`)).status).toBe(409);
    expect((await org.api.patch(`/bank-accounts/${empty.id}`, { name: "Again" })).status).toBe(409);

    expect((await org.api.get("/bank-accounts?status=active")).body.data.map((a: { name: string }) => a.name)).toEqual(["Funded"]);
    expect((await org.api.get("/bank-accounts?status=archived")).body.data.map((a: { name: string }) => a.name)).toEqual(["Petty cash box"]);
    expect((await org.api.get("/bank-accounts?q=fund")).body.data.map((a: { name: string }) => a.name)).toEqual(["Funded"]);
    expect((await org.api.get(`/bank-accounts/${funded.id}`)).body.data.balance.amount).toBe("10.00");
  });

  it("403 without the permissions; 404 for another organization's account", async () => {
    const org = await organizationWithLedger(t);
    const other = await organizationWithLedger(t);
    const account = await bankAccount(org.api, { name: "Main" });
    const reader = t.api(t.token(org.id, ["finance.bank_account.read"]));
    expect((await reader.post("/bank-accounts", {})).status).toBe(403);
    expect((await reader.patch(`/bank-accounts/${account.id}`, { name: "x" })).status).toBe(403);
    expect((await reader.post(`/bank-accounts/${account.id}/archive`)).status).toBe(403);
    expect((await t.api(t.token(org.id, [])).get("/bank-accounts")).status).toBe(403);
    expect((await other.api.get(`/bank-accounts/${account.id}`)).status).toBe(404);
    expect((await other.api.patch(`/bank-accounts/${account.id}`, { name: "x" })).status).toBe(404);
    expect((await other.api.post(`/bank-accounts/${account.id}/archive`)).status).toBe(404);
    expect((await other.api.get("/bank-accounts")).body.data).toEqual([]);
  });
});
