/**
 * Payments and documents in other currencies than the base (USD here): the exchange difference at
 * settlement posted to the exchange gain/loss account, the document's base amount due reaching
 * exactly 0, payments in another currency than the document, and void reversing the differences.
 */
import { startFinanceTestApp, type FinanceTestApp } from "../../../test/harness";
import { documentState, issuedDocument, organizationWithLedger, party, partyLedger, type TestOrganization } from "./payment.fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

interface Allocation {
  amount: string;
  paymentAmount: string;
  baseAmount: string;
  baseDifference: string;
  fxEntryId: string | null;
}

async function usdOrganization() {
  const org = await organizationWithLedger(t, { baseCurrency: "USD", fiscalYearStartMonth: 1 });
  const eurBank = await org.api.post("/accounts", { code: "1126", name: "EUR account", type: "asset", subtype: "bank", currency: "EUR" });
  expect(eurBank.status).toBe(201);
  const accounts = {
    eurBank: eurBank.body.data.id as string,
    usdBank: (await t.account(org.api, "1120")).id,
    receivable: (await t.account(org.api, "1200")).id,
    payable: (await t.account(org.api, "2110")).id,
    fx: (await t.account(org.api, "7100")).id,
  };
  return { org, accounts };
}

async function closing(org: TestOrganization, code: string): Promise<string> {
  const rows = (await org.api.get("/reports/trial-balance?asOf=2026-12-31")).body.data.rows as { code: string; closing: string }[];
  return rows.find((row) => row.code === code)?.closing ?? "0.00";
}

async function expectInvariant(org: TestOrganization, subtype: "receivable" | "payable") {
  const ledger = await partyLedger(t, org, subtype);
  expect(ledger.balanced).toBe(true);
  expect(ledger.balance).toBe(ledger.expected);
  return ledger.balance;
}

const entryLines = async (org: TestOrganization, id: string) =>
  ((await org.api.get(`/journal-entries/${id}`)).body.data.lines as Record<string, unknown>[]).map((l) => [l.accountId, l.baseDebit, l.baseCredit, l.currency]);

describe("exchange differences", () => {
  it("a EUR invoice at 1.10 paid in EUR at 1.15: a gain of 5.00 per 100 on exchange gain/loss, the invoice's base due exactly 0", async () => {
    const { org, accounts } = await usdOrganization();
    const customer = await party(t, org, { kind: "customer", currency: "EUR" });
    const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, currency: "EUR", total: "100.00", exchangeRate: "1.10" });
    expect((await documentState(t, invoice.id)).baseAmountDue.toFixed(2)).toBe("110.00");

    const res = await org.api.post("/payments", {
      direction: "received",
      partyId: customer,
      paymentDate: "2026-03-10",
      amount: "100.00",
      exchangeRate: "1.15",
      accountId: accounts.eurBank,
      allocations: [{ documentId: invoice.id, amount: "100.00" }],
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ currency: "EUR", exchangeRate: "1.15", baseCurrency: "USD", baseAmount: "115.00", baseAmountUnallocated: "0.00" });
    const [allocation] = res.body.data.allocations as Allocation[];
    expect(allocation).toMatchObject({ amount: "100.00", paymentAmount: "100.00", baseAmount: "110.00", baseDifference: "5.00" });
    const fx = (await org.api.get(`/journal-entries/${allocation!.fxEntryId}`)).body.data;
    expect(fx.source).toMatchObject({ type: "allocation_fx" });
    expect(fx.lines.map((l: Record<string, unknown>) => [l.accountId, l.debit, l.credit, l.currency, l.party])).toEqual([
      [accounts.receivable, "5.00", "0.00", "USD", { type: "customer", id: customer }],
      [accounts.fx, "0.00", "5.00", "USD", null],
    ]);
    const state = await documentState(t, invoice.id);
    expect([state.status, state.amountDue.toFixed(2), state.baseAmountDue.toFixed(4)]).toEqual(["paid", "0.00", "0.0000"]);
    expect(await closing(org, "7100")).toBe("-5.00");
    expect(await expectInvariant(org, "receivable")).toBe("0.00");
  });

  it("partial payments at other rates round each document share, and the last takes exactly what is left of the base due", async () => {
    const { org, accounts } = await usdOrganization();
    const customer = await party(t, org, { kind: "customer", currency: "EUR" });
    const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, currency: "EUR", total: "100.00", exchangeRate: "1.1111" });
    const pay = (amount: string, exchangeRate: string) =>
      org.api.post("/payments", {
        direction: "received",
        partyId: customer,
        paymentDate: "2026-03-10",
        amount,
        exchangeRate,
        accountId: accounts.eurBank,
        allocations: [{ documentId: invoice.id, amount }],
      });
    const shares: [string, string][] = [];
    for (const [amount, rate] of [
      ["33.33", "1.2345"],
      ["33.33", "0.9876"],
      ["33.34", "1.1111"],
    ] as const) {
      const res = await pay(amount, rate);
      expect(res.status).toBe(201);
      const allocation = (res.body.data.allocations as Allocation[])[0]!;
      shares.push([allocation.baseAmount, allocation.baseDifference]);
      await expectInvariant(org, "receivable");
    }
    // The payments give 41.15, 32.92 and 37.04; the invoice's 111.11 goes as 37.03, 37.03 and the 37.05 left.
    expect(shares).toEqual([
      ["37.03", "4.12"],
      ["37.03", "-4.11"],
      ["37.05", "-0.01"],
    ]);
    expect((await documentState(t, invoice.id)).baseAmountDue.toFixed(4)).toBe("0.0000");
    expect(await closing(org, "7100")).toBe("0.00");
  });

  it("a EUR bill at 1.10 paid at 1.20 is a loss on the payable; at 1.00 a gain", async () => {
    const { org, accounts } = await usdOrganization();
    const supplier = await party(t, org, { kind: "supplier", currency: "EUR" });
    const dearer = await issuedDocument(org, { kind: "bill", partyId: supplier, currency: "EUR", total: "200.00", exchangeRate: "1.10" });
    const cheaper = await issuedDocument(org, { kind: "bill", partyId: supplier, currency: "EUR", total: "100.00", exchangeRate: "1.10" });
    const pay = (documentId: string, amount: string, exchangeRate: string) =>
      org.api.post("/payments", {
        direction: "made",
        partyId: supplier,
        paymentDate: "2026-03-12",
        amount,
        exchangeRate,
        accountId: accounts.eurBank,
        allocations: [{ documentId, amount }],
      });
    const loss = (await pay(dearer.id, "200.00", "1.20")).body.data.allocations[0] as Allocation;
    expect(loss).toMatchObject({ baseAmount: "220.00", baseDifference: "-20.00" });
    expect(await entryLines(org, loss.fxEntryId!)).toEqual([
      [accounts.fx, "20.00", "0.00", "USD"],
      [accounts.payable, "0.00", "20.00", "USD"],
    ]);
    const gain = (await pay(cheaper.id, "100.00", "1.00")).body.data.allocations[0] as Allocation;
    expect(gain).toMatchObject({ baseAmount: "110.00", baseDifference: "10.00" });
    expect(await entryLines(org, gain.fxEntryId!)).toEqual([
      [accounts.payable, "10.00", "0.00", "USD"],
      [accounts.fx, "0.00", "10.00", "USD"],
    ]);
    expect(await closing(org, "7100")).toBe("10.00");
    expect(await expectInvariant(org, "payable")).toBe("0.00");
  });

  it("a base-currency payment settles a EUR invoice: paymentAmount converted at the payment date's rate, or as given; 422 without a rate", async () => {
    const { org, accounts } = await usdOrganization();
    const customer = await party(t, org, { kind: "customer", currency: "EUR" });
    const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, currency: "EUR", total: "200.00", exchangeRate: "1.10" });
    const body = (allocation: Record<string, string>, amount = "200.00") => ({
      direction: "received",
      partyId: customer,
      paymentDate: "2026-03-10",
      amount,
      currency: "USD",
      accountId: accounts.usdBank,
      allocations: [{ documentId: invoice.id, ...allocation }],
    });
    const missing = await org.api.post("/payments", body({ amount: "100.00" }));
    expect([missing.status, missing.body.error.code, missing.body.error.details[0].path]).toEqual([422, "EXCHANGE_RATE_MISSING", "allocations.0.paymentAmount"]);

    expect((await org.api.post("/exchange-rates", { currency: "EUR", effectiveDate: "2026-03-01", rate: "1.15" })).status).toBe(201);
    const converted = await org.api.post("/payments", body({ amount: "100.00" }));
    expect(converted.status).toBe(201);
    expect(converted.body.data).toMatchObject({ exchangeRate: "1", baseAmount: "200.00", amountAllocated: "115.00", amountUnallocated: "85.00", baseAmountUnallocated: "85.00" });
    expect(converted.body.data.allocations[0]).toMatchObject({ amount: "100.00", paymentAmount: "115.00", baseAmount: "110.00", baseDifference: "5.00" });

    const tooMuch = await org.api.post("/payments", body({ amount: "100.00", paymentAmount: "108.01" }, "108.00"));
    expect([tooMuch.status, tooMuch.body.error.code, tooMuch.body.error.details[0].path]).toEqual([422, "ALLOCATION_EXCEEDS_PAYMENT", "allocations.0.paymentAmount"]);
    const given = await org.api.post("/payments", body({ amount: "100.00", paymentAmount: "108.00" }, "108.00"));
    expect(given.body.data.allocations[0]).toMatchObject({ paymentAmount: "108.00", baseAmount: "110.00", baseDifference: "-2.00" });
    expect((await documentState(t, invoice.id)).baseAmountDue.toFixed(4)).toBe("0.0000");
    expect(await closing(org, "7100")).toBe("-3.00");
    expect(await expectInvariant(org, "receivable")).toBe("-85.00");
  });

  it("voiding a payment reverses its exchange differences and gives the invoice its base due back", async () => {
    const { org, accounts } = await usdOrganization();
    const customer = await party(t, org, { kind: "customer", currency: "EUR" });
    const invoice = await issuedDocument(org, { kind: "invoice", partyId: customer, currency: "EUR", total: "100.00", exchangeRate: "1.10" });
    const payment = await org.api.post("/payments", {
      direction: "received",
      partyId: customer,
      paymentDate: "2026-03-10",
      amount: "150.00",
      exchangeRate: "1.15",
      accountId: accounts.eurBank,
      allocations: [{ documentId: invoice.id, amount: "60.00" }],
    });
    const later = await org.api.post(`/payments/${payment.body.data.id}/allocations`, { allocations: [{ documentId: invoice.id, amount: "40.00" }], date: "2026-03-20" });
    expect(later.body.data.allocations.map((a: Allocation) => a.baseDifference)).toEqual(["3.00", "2.00"]);
    expect(await closing(org, "7100")).toBe("-5.00");
    expect(await expectInvariant(org, "receivable")).toBe("-57.50");

    const voided = await org.api.post(`/payments/${payment.body.data.id}/void`, { reason: "Entered twice" });
    expect(voided.status).toBe(200);
    for (const allocation of voided.body.data.allocations as Allocation[]) {
      expect((await org.api.get(`/journal-entries/${allocation.fxEntryId}`)).body.data.reversedByEntryId).not.toBeNull();
    }
    const state = await documentState(t, invoice.id);
    expect([state.status, state.amountDue.toFixed(2), state.baseAmountDue.toFixed(2)]).toEqual(["issued", "100.00", "110.00"]);
    expect(await closing(org, "7100")).toBe("0.00");
    expect(await expectInvariant(org, "receivable")).toBe("110.00");
  });
});
