import { Decimal } from "@erp/money";
import type { ReportAccount } from "../reports/ledger-amounts";
import { closingLines } from "./closing-entry";
import { addDays, fiscalYear, fiscalYearOf } from "./fiscal-year";

describe("fiscal years", () => {
  it("are calendar years when they start in January", () => {
    expect(fiscalYearOf("2026-07-15", 1)).toEqual({ fiscalYear: 2026, start: "2026-01-01", end: "2026-12-31" });
  });

  it.each([
    ["2026-03-31", 2025, "2025-04-01", "2026-03-31"],
    ["2026-04-01", 2026, "2026-04-01", "2027-03-31"],
    ["2027-03-31", 2026, "2026-04-01", "2027-03-31"],
  ])("with April first, %s is in fiscal year %i (%s to %s)", (date, year, start, end) => {
    expect(fiscalYearOf(date, 4)).toEqual({ fiscalYear: year, start, end });
  });

  it("ends on the last day of February, leap years included", () => {
    expect(fiscalYear(2027, 3).end).toBe("2028-02-29");
    expect(fiscalYear(2026, 3).end).toBe("2027-02-28");
  });

  it("refuses a month outside 1..12 and a malformed date", () => {
    expect(() => fiscalYear(2026, 13)).toThrow("not a month (1..12): 13");
    expect(() => fiscalYearOf("2026-1-01", 1)).toThrow("not a YYYY-MM-DD date: 2026-1-01");
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("closing lines", () => {
  const d = (value: string | number) => new Decimal(value);
  const account = (id: string, type: ReportAccount["type"]): ReportAccount => ({ id, code: id, name: id, type, parentId: null, isGroup: false });
  const accounts = [account("1100", "asset"), account("3900", "equity"), account("4100", "income"), account("5100", "expense"), account("5200", "expense")];
  const line = (l: { accountId: string; debit: Decimal; credit: Decimal }) => [l.accountId, l.debit.toFixed(2), l.credit.toFixed(2)];

  it("zeroes income and expenses and moves a profit to retained earnings as a credit", () => {
    const balances = new Map([
      ["1100", { debit: d(900), credit: d(0) }],
      ["4100", { debit: d(100), credit: d(1000) }],
      ["5100", { debit: d(250), credit: d(0) }],
      ["5200", { debit: d(0), credit: d(0) }],
    ]);
    expect(closingLines(accounts, balances, "3900").map(line)).toEqual([
      ["4100", "900.00", "0.00"],
      ["5100", "0.00", "250.00"],
      ["3900", "0.00", "650.00"],
    ]);
  });

  it("moves a loss to retained earnings as a debit", () => {
    const balances = new Map([["5100", { debit: d("12.34"), credit: d(0) }]]);
    expect(closingLines(accounts, balances, "3900").map(line)).toEqual([
      ["5100", "0.00", "12.34"],
      ["3900", "12.34", "0.00"],
    ]);
  });

  it("needs no retained-earnings line when income and expenses cancel out", () => {
    const balances = new Map([
      ["4100", { debit: d(0), credit: d(40) }],
      ["5100", { debit: d(40), credit: d(0) }],
    ]);
    expect(closingLines(accounts, balances, "3900").map(line)).toEqual([
      ["4100", "40.00", "0.00"],
      ["5100", "0.00", "40.00"],
    ]);
  });

  it("has nothing to close when no income or expense account holds a balance", () => {
    expect(closingLines(accounts, new Map([["1100", { debit: d(5), credit: d(0) }]]), "3900")).toEqual([]);
  });
});
