/**
 * /bank-transfers through the finance app and a real database: one entry per transfer (same
 * currency, another currency with a fee and the exchange difference), numbering, validation (400),
 * the rules (422), permissions (403), organizations (404), the trial balance after each.
 */
import { randomUUID } from "node:crypto";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { bankAccount, exchangeRate, organizationWithLedger, trialBalance } from "./bank-account.fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

/** The date `n` days from today (UTC). */
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

type Line = { accountId: string; debit: string; credit: string; currency: string; baseDebit: string; baseCredit: string };
const linesOf = async (api: Api, entryId: string) =>
  ((await api.get(`/journal-entries/${entryId}`)).body.data.lines as Line[]).map((l) => [l.accountId, l.currency, l.debit, l.credit, l.baseDebit, l.baseCredit]);

async function twoAccounts(toCurrency = "EUR") {
  const org = await organizationWithLedger(t);
  if (toCurrency !== "EUR") await exchangeRate(org.api, toCurrency, "0.9");
  const from = await bankAccount(org.api, { name: "Main", openingBalance: "2000.00", openingDate: "2026-01-01" });
  const to = await bankAccount(org.api, { name: "Second", currency: toCurrency });
  return { org, from, to };
}

describe("POST /bank-transfers", () => {
  it("same currency: TRF-2026-0001 posted credit source / debit destination; balances move; finance.bank_transfer.posted", async () => {
    const { org, from, to } = await twoAccounts();
    const res = await org.api.post("/bank-transfers", { fromBankAccountId: from.id, toBankAccountId: to.id, transferDate: "2026-03-01", amount: "300.00", reference: "Move" });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/finance/bank-transfers/${res.body.data.id}`);
    const transfer = res.body.data;
    expect(transfer).toMatchObject({ number: "TRF-2026-0001", amount: "300.00", currency: "EUR", toAmount: "300.00", toCurrency: "EUR", feeAmount: "0.00", feeAccountId: null, reference: "Move" });
    expect(await linesOf(org.api, transfer.journalEntryId)).toEqual([
      [from.accountId, "EUR", "0.00", "300.00", "0.00", "300.00"],
      [to.accountId, "EUR", "300.00", "0.00", "300.00", "0.00"],
    ]);
    const entry = (await org.api.get(`/journal-entries/${transfer.journalEntryId}`)).body.data;
    expect(entry.source).toEqual({ type: "bank_transfer", id: transfer.id });
    expect((await org.api.get(`/bank-accounts/${from.id}`)).body.data.balance.amount).toBe("1700.00");
    expect((await org.api.get(`/bank-accounts/${to.id}`)).body.data.balance.amount).toBe("300.00");
    const events = (await t.outbox(org.id)).filter((row) => row.event_type === "finance.bank_transfer.posted");
    expect(events.map((row) => row.envelope.data)).toEqual([expect.objectContaining({ number: "TRF-2026-0001", amount: "300.00", journalEntryId: entry.id })]);
    expect((await org.api.get(`/bank-transfers/${transfer.id}`)).body.data).toEqual(transfer);
    const second = await org.api.post("/bank-transfers", { fromBankAccountId: to.id, toBankAccountId: from.id, transferDate: "2026-03-02", amount: "100.00", toAmount: "100.00" });
    expect(second.body.data.number).toBe("TRF-2026-0002");
    expect((await org.api.get(`/bank-transfers?bankAccountId=${to.id}`)).body.data.map((x: { number: string }) => x.number)).toEqual(["TRF-2026-0002", "TRF-2026-0001"]);
    expect((await org.api.get("/bank-transfers?from=2026-03-02")).body.data.map((x: { number: string }) => x.number)).toEqual(["TRF-2026-0002"]);
    expect((await trialBalance(org.api)).balanced).toBe(true);
  });

  it("EUR to USD with a fee: one entry, the fee to bank charges, the base difference to exchange gain/loss (loss, then gain)", async () => {
    const { org, from, to } = await twoAccounts("USD");
    const res = await org.api.post("/bank-transfers", {
      fromBankAccountId: from.id,
      toBankAccountId: to.id,
      transferDate: "2026-03-01",
      amount: "1000.00",
      toAmount: "1080.00",
      fee: { amount: "5.00" },
    });
    expect(res.status).toBe(201);
    const bankCharges = await t.account(org.api, "6700");
    const fx = await t.account(org.api, "7100");
    expect(res.body.data).toMatchObject({ amount: "1000.00", currency: "EUR", toAmount: "1080.00", toCurrency: "USD", feeAmount: "5.00", feeAccountId: bankCharges.id });
    // 1005.00 left; 1080 USD x 0.9 = 972.00 arrived; 5.00 fee: 28.00 lost.
    expect(await linesOf(org.api, res.body.data.journalEntryId)).toEqual([
      [from.accountId, "EUR", "0.00", "1005.00", "0.00", "1005.00"],
      [to.accountId, "USD", "1080.00", "0.00", "972.00", "0.00"],
      [bankCharges.id, "EUR", "5.00", "0.00", "5.00", "0.00"],
      [fx.id, "EUR", "28.00", "0.00", "28.00", "0.00"],
    ]);
    expect((await org.api.get(`/bank-accounts/${to.id}`)).body.data.balance).toEqual({ amount: "1080.00", currency: "USD", baseAmount: "972.00", baseCurrency: "EUR" });
    expect((await org.api.get(`/bank-accounts/${from.id}`)).body.data.balance.amount).toBe("995.00");

    const rent = await t.account(org.api, "6200");
    const gain = await org.api.post("/bank-transfers", {
      fromBankAccountId: from.id,
      toBankAccountId: to.id,
      transferDate: "2026-03-02",
      amount: "100.00",
      toAmount: "120.00",
      toExchangeRate: "0.95",
      fee: { amount: "1.00", accountId: rent.id },
    });
    expect(gain.status).toBe(201);
    // 101.00 left; 120 x 0.95 = 114.00 arrived; 1.00 fee: 14.00 gained.
    expect((await linesOf(org.api, gain.body.data.journalEntryId)).slice(2)).toEqual([
      [rent.id, "EUR", "1.00", "0.00", "1.00", "0.00"],
      [fx.id, "EUR", "0.00", "14.00", "0.00", "14.00"],
    ]);
    const tb = await trialBalance(org.api);
    expect(tb.balanced).toBe(true);
    expect(tb.closing("7100")).toBe("14.00");
  });

  it("400 with details for the same account twice, missing or malformed fields; nothing written", async () => {
    const { org, from } = await twoAccounts();
    const same = await org.api.post("/bank-transfers", { fromBankAccountId: from.id, toBankAccountId: from.id, transferDate: "2026-03-01", amount: "1.00" });
    expect(same.status).toBe(400);
    expect(same.body.error.details).toEqual([expect.objectContaining({ path: "toBankAccountId" })]);
    const bad = await org.api.post("/bank-transfers", { fromBankAccountId: from.id, amount: "-1", fee: { amount: "1", extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["toBankAccountId", "transferDate", "amount"]));
    expect((await t.owner.query("SELECT 1 FROM finance.bank_transfers WHERE organization_id = $1", [org.id])).rowCount).toBe(0);
  });

  it("422: toAmount missing across currencies or different in one, unknown or archived accounts, a fee account that is not an expense, a missing rate", async () => {
    const { org, from, to } = await twoAccounts("USD");
    const body = { fromBankAccountId: from.id, toBankAccountId: to.id, transferDate: "2026-03-01", amount: "10.00" };
    const expectError = async (changes: Record<string, unknown>, code: string, path: string) => {
      const res = await org.api.post("/bank-transfers", { ...body, ...changes });
      expect([res.status, res.body.error.code, res.body.error.details?.[0]?.path]).toEqual([422, code, path]);
    };
    await expectError({}, "TO_AMOUNT_REQUIRED", "toAmount");
    const eur = await bankAccount(org.api, { name: "Third" });
    await expectError({ toBankAccountId: eur.id, toAmount: "11.00" }, "TO_AMOUNT_MISMATCH", "toAmount");
    await expectError({ toBankAccountId: randomUUID(), toAmount: "11.00" }, "UNKNOWN_BANK_ACCOUNT", "toBankAccountId");
    const receivable = await t.account(org.api, "1200");
    await expectError({ toBankAccountId: eur.id, fee: { amount: "1.00", accountId: receivable.id } }, "INVALID_FEE_ACCOUNT", "fee.accountId");
    await expectError({ toBankAccountId: eur.id, amount: "1.001" }, "AMOUNT_PRECISION", "amount");
    const gbp = await bankAccount(org.api, { name: "Pounds", currency: "GBP" });
    await expectError({ toBankAccountId: gbp.id, toAmount: "9.00" }, "EXCHANGE_RATE_MISSING", "toExchangeRate");
    expect((await org.api.post(`/bank-accounts/${eur.id}/archive`)).status).toBe(200);
    await expectError({ toBankAccountId: eur.id }, "BANK_ACCOUNT_ARCHIVED", "toBankAccountId");
    expect((await t.owner.query("SELECT 1 FROM finance.bank_transfers WHERE organization_id = $1", [org.id])).rowCount).toBe(0);
    expect((await trialBalance(org.api)).balanced).toBe(true);
  });

  it("403 without finance.bank_transfer.record or finance.bank_account.read; 404 for another organization's transfer; another's accounts are unknown", async () => {
    const { org, from, to } = await twoAccounts();
    const other = await organizationWithLedger(t);
    const transfer = (await org.api.post("/bank-transfers", { fromBankAccountId: from.id, toBankAccountId: to.id, transferDate: "2026-03-01", amount: "1.00" })).body.data;
    const reader = t.api(t.token(org.id, ["finance.bank_account.read"]));
    expect((await reader.post("/bank-transfers", {})).status).toBe(403);
    expect((await reader.get(`/bank-transfers/${transfer.id}`)).status).toBe(200);
    expect((await t.api(t.token(org.id, [])).get("/bank-transfers")).status).toBe(403);
    expect((await other.api.get(`/bank-transfers/${transfer.id}`)).status).toBe(404);
    const theirs = await other.api.post("/bank-transfers", { fromBankAccountId: from.id, toBankAccountId: to.id, transferDate: "2026-03-01", amount: "1.00" });
    expect([theirs.status, theirs.body.error.code]).toEqual([422, "UNKNOWN_BANK_ACCOUNT"]);
  });

  it("a transfer dated later than today is 422 DATE_IN_FUTURE naming transferDate, nothing posted", async () => {
    const { org, from, to } = await twoAccounts();
    for (const transferDate of ["2099-01-01", days(2)]) {
      const res = await org.api.post("/bank-transfers", { fromBankAccountId: from.id, toBankAccountId: to.id, transferDate, amount: "10.00" });
      expect([res.status, res.body.error.code, res.body.error.details[0].path]).toEqual([422, "DATE_IN_FUTURE", "transferDate"]);
    }
    expect((await t.owner.query("SELECT 1 FROM finance.bank_transfers WHERE organization_id = $1", [org.id])).rowCount).toBe(0);
  });
});

describe("POST /bank-transfers/{id}/void", () => {
  it("reverses the entry (only the void may), keeps the transfer void with the reason; twice 409; reconciled 409; 403; 404 across organizations", async () => {
    const { org, from, to } = await twoAccounts();
    const body = { fromBankAccountId: from.id, toBankAccountId: to.id, transferDate: "2026-03-01", amount: "300.00", fee: { amount: "2.00" } };
    const transfer = (await org.api.post("/bank-transfers", body)).body.data;
    const direct = await org.api.post(`/journal-entries/${transfer.journalEntryId}/reverse`, { date: "2026-03-02" });
    expect([direct.status, direct.body.error.code]).toEqual([409, "INVALID_STATE"]);
    const reader = t.api(t.token(org.id, ["finance.bank_account.read"]));
    expect((await reader.post(`/bank-transfers/${transfer.id}/void`, { reason: "x" })).status).toBe(403);
    const other = await organizationWithLedger(t);
    expect((await other.api.post(`/bank-transfers/${transfer.id}/void`, { reason: "x" })).status).toBe(404);
    expect((await org.api.post(`/bank-transfers/${transfer.id}/void`, {})).status).toBe(400);

    const res = await org.api.post(`/bank-transfers/${transfer.id}/void`, { reason: "Entered twice" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: "void", voidReason: "Entered twice", voidEntryId: expect.any(String) });
    const reversal = (await org.api.get(`/journal-entries/${res.body.data.voidEntryId}`)).body.data;
    expect(reversal).toMatchObject({ status: "posted", reversalOfEntryId: transfer.journalEntryId });
    expect((await org.api.get(`/bank-accounts/${from.id}`)).body.data.balance.amount).toBe("2000.00");
    expect((await org.api.get(`/bank-accounts/${to.id}`)).body.data.balance.amount).toBe("0.00");
    const again = await org.api.post(`/bank-transfers/${transfer.id}/void`, { reason: "again" });
    expect([again.status, again.body.error.code]).toEqual([409, "INVALID_STATE"]);
    expect((await trialBalance(org.api)).balanced).toBe(true);

    const kept = (await org.api.post("/bank-transfers", body)).body.data;
    const statement = (await org.api.postCsv(`/bank-accounts/${to.id}/statements`, "date,description,amount\n2026-03-01,In,300.00")).body.data.statement;
    const entry = (await org.api.get(`/journal-entries/${kept.journalEntryId}`)).body.data as { lines: { id: string; accountId: string }[] };
    const line = entry.lines.find((l) => l.accountId === to.accountId)!.id;
    expect((await org.api.post(`/bank-accounts/${to.id}/reconciliation`, { matches: [{ statementLineId: statement.lines[0].id, journalLineId: line }] })).status).toBe(200);
    const reconciled = await org.api.post(`/bank-transfers/${kept.id}/void`, { reason: "x" });
    expect([reconciled.status, reconciled.body.error.code]).toEqual([409, "TRANSFER_RECONCILED"]);
    expect((await org.api.get(`/bank-transfers?bankAccountId=${to.id}`)).body.data.map((x: { status: string }) => x.status)).toEqual(["posted", "void"]);
  });
});
