/**
 * Rounding of documents end to end (tax-calculation.ts's rule through the API and into the
 * ledger): three lines of a third, a currency without decimals (JPY) and one with three (KWD),
 * each issued in a EUR base at a rate, the entry balanced and the base total round(total × rate).
 */
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { partyFixture, postedFixture, taxRateFixture } from "./document-fixtures";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

interface Line {
  debit: string;
  credit: string;
  baseDebit: string;
  baseCredit: string;
}

async function entryTotals(api: Api, id: string) {
  const entry = (await api.get(`/journal-entries/${id}`)).body.data as { totals: { baseDebit: string; baseCredit: string }; lines: Line[] };
  expect(entry.totals.baseDebit).toBe(entry.totals.baseCredit);
  return entry;
}

it("three lines of a third: each line's tax rounded on its own, the totals the sums of the rounded parts", async () => {
  const org = t.organization();
  const vat = await taxRateFixture(org.api, { rate: "20", appliesTo: "sales" });
  const customerId = await partyFixture(t, org.id, "customer");
  const third = { description: "One third", quantity: "1", unitPrice: "33.333333", taxRateId: vat };
  const invoice = await postedFixture(org.api, "/invoices", { customerId, issueDate: "2026-05-04", lines: [third, third, third] });
  expect(invoice).toMatchObject({ subtotal: "99.99", taxTotal: "20.01", total: "120.00", baseTotal: "120.00" });
  expect((invoice.lines as { net: string; tax: string; total: string }[]).map((l) => [l.net, l.tax, l.total])).toEqual([
    ["33.33", "6.67", "40.00"],
    ["33.33", "6.67", "40.00"],
    ["33.33", "6.67", "40.00"],
  ]);
  expect(invoice.taxes).toEqual([{ taxRateId: vat, rate: "20", base: "99.99", tax: "20.01" }]);
  const quantityThird = await postedFixture(org.api, "/invoices", { customerId, issueDate: "2026-05-04", lines: [{ description: "A third of 100", quantity: "0.3333", unitPrice: "100" }] });
  expect(quantityThird).toMatchObject({ subtotal: "33.33", total: "33.33" });
  await entryTotals(org.api, invoice.journalEntryId!);
});

it("JPY (no decimals): amounts are whole yen, half away from zero; posted in a EUR base at the rate", async () => {
  const org = t.organization();
  const tax = await taxRateFixture(org.api, { rate: "10", appliesTo: "sales" });
  const customerId = await partyFixture(t, org.id, "customer", { currency: "JPY" });
  const invoice = await postedFixture(
    org.api,
    "/invoices",
    { customerId, issueDate: "2026-05-04", lines: [{ description: "Licence", quantity: "1", unitPrice: "1234.5", taxRateId: tax }, { description: "Fee", quantity: "3", unitPrice: "0.4" }] },
    { exchangeRate: "0.0062" },
  );
  expect(invoice).toMatchObject({ currency: "JPY", subtotal: "1236", taxTotal: "124", total: "1360", amountDue: "1360", exchangeRate: "0.0062", baseTotal: "8.43" });
  expect((invoice.lines as { unitPrice: string; net: string; tax: string }[]).map((l) => [l.unitPrice, l.net, l.tax])).toEqual([
    ["1234.5", "1235", "124"],
    ["0.4", "1", "0"],
  ]);
  const entry = await entryTotals(org.api, invoice.journalEntryId!);
  expect(entry.lines[0]).toMatchObject({ debit: "1360", baseDebit: "8.43" });
});

it("KWD (three decimals): amounts carry three decimals; posted in a EUR base at the rate", async () => {
  const org = t.organization();
  const tax = await taxRateFixture(org.api, { rate: "5", appliesTo: "sales" });
  const customerId = await partyFixture(t, org.id, "customer", { currency: "KWD" });
  const invoice = await postedFixture(org.api, "/invoices", { customerId, issueDate: "2026-05-04", lines: [{ description: "Service", quantity: "1", unitPrice: "10.1235", taxRateId: tax }] }, { exchangeRate: "2.9876" });
  expect(invoice).toMatchObject({ currency: "KWD", subtotal: "10.124", taxTotal: "0.506", total: "10.630", amountPaid: "0.000", amountDue: "10.630", baseTotal: "31.76" });
  const entry = await entryTotals(org.api, invoice.journalEntryId!);
  expect(entry.lines[0]).toMatchObject({ debit: "10.630", baseDebit: "31.76" });
});
