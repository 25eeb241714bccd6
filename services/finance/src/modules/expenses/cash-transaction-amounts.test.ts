/** The net / tax / total rule of expenses and other revenue (cash-transaction-amounts.ts), by hand-computed cases. */
import { Decimal } from "@erp/money";
import { cashTransactionAmounts } from "./cash-transaction-amounts";

const amounts = (amount: string, rate: string | null, currency = "EUR", amountIncludesTax = true) => {
  const result = cashTransactionAmounts({ amount: new Decimal(amount), amountIncludesTax, ratePercent: rate === null ? null : new Decimal(rate), currency });
  return [result.net.toFixed(), result.tax.toFixed(), result.total.toFixed()];
};

describe("cashTransactionAmounts", () => {
  it("a total of 120.00 at 20 % is 100.00 net and 20.00 tax", () => {
    expect(amounts("120", "20")).toEqual(["100", "20", "120"]);
  });

  it("a total of 100.00 at 20 %: tax round(16.666…) = 16.67, net 83.33, the total kept exactly", () => {
    expect(amounts("100", "20")).toEqual(["83.33", "16.67", "100"]);
  });

  it("a total of 10.00 at 7.7 %: tax round(0.71495…) = 0.71, net 9.29", () => {
    expect(amounts("10", "7.7")).toEqual(["9.29", "0.71", "10"]);
  });

  it("JPY has no minor unit: 1000 at 10 % is tax round(90.909…) = 91, net 909", () => {
    expect(amounts("1000", "10", "JPY")).toEqual(["909", "91", "1000"]);
  });

  it("a net amount (amountIncludesTax false) takes the documents' rule: 33.33 at 20 % is tax round(6.666) = 6.67, total 40.00", () => {
    expect(amounts("33.33", "20", "EUR", false)).toEqual(["33.33", "6.67", "40"]);
  });

  it("halves round away from zero: a net of 0.25 at 10 % is 0.025 → 0.03 tax; a total of 0.21 at 5 % is 0.01 tax (0.01 exactly)", () => {
    expect(amounts("0.25", "10", "EUR", false)).toEqual(["0.25", "0.03", "0.28"]);
    expect(amounts("0.21", "5")).toEqual(["0.2", "0.01", "0.21"]);
  });

  it("without a tax rate the tax is 0 and net = total", () => {
    expect(amounts("55.55", null)).toEqual(["55.55", "0", "55.55"]);
  });
});
