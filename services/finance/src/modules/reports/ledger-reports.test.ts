import fc from "fast-check";
import { Decimal } from "@erp/money";
import { closingLines } from "../periods/closing-entry";
import { buildBalanceSheet } from "./balance-sheet";
import { withRunningBalance } from "./general-ledger";
import { combineMovements, naturalBalance, ZERO, type AccountType, type Movement, type ReportAccount } from "./ledger-amounts";
import { buildProfitAndLoss } from "./profit-and-loss";
import { buildTrialBalance } from "./trial-balance";

const d = (value: string | number) => new Decimal(value);
const account = (id: string, type: AccountType, parentId: string | null = null, isGroup = false): ReportAccount => ({
  id,
  code: id,
  name: `Account ${id}`,
  type,
  parentId,
  isGroup,
});
const moved = (entries: Record<string, [string | number, string | number]>) =>
  new Map(Object.entries(entries).map(([id, [debit, credit]]) => [id, { debit: d(debit), credit: d(credit) }]));
const strings = (values: Decimal[]) => values.map((value) => value.toFixed(2));

const chart = [
  account("1000", "asset", null, true),
  account("1100", "asset", "1000"),
  account("1200", "asset", "1000"),
  account("2000", "liability"),
  account("3000", "equity", null, true),
  account("3100", "equity", "3000"),
  account("3900", "equity", "3000"),
  account("4000", "income", null, true),
  account("4100", "income", "4000"),
  account("4200", "income", "4000"),
  account("5000", "expense", null, true),
  account("5100", "expense", "5000"),
  account("5200", "expense", "5000"),
];

describe("natural balance", () => {
  it.each([
    ["asset", "30.00"],
    ["expense", "30.00"],
    ["liability", "-30.00"],
    ["equity", "-30.00"],
    ["income", "-30.00"],
  ] as const)("a %s account with debits 50 and credits 20 holds %s on its normal side", (type, balance) => {
    expect(naturalBalance(type, { debit: d(50), credit: d(20) }).toFixed(2)).toBe(balance);
  });
});

describe("trial balance", () => {
  // Opening: capital 1000 paid into the bank. Period: sales 500 (bank), rent 200 (bank), a loan 300.
  const opening = moved({ "1100": [1000, 0], "3100": [0, 1000] });
  const period = moved({ "1100": [800, 200], "4100": [0, 500], "5100": [200, 0], "2000": [0, 300] });

  it("lists each account with a balance or a movement, by code, with opening + debit − credit = closing", () => {
    const { rows } = buildTrialBalance(chart, opening, period);
    expect(rows.map((row) => [row.code, row.normalBalance, row.opening.toFixed(2), row.debit.toFixed(2), row.credit.toFixed(2), row.closing.toFixed(2)])).toEqual([
      ["1100", "debit", "1000.00", "800.00", "200.00", "1600.00"],
      ["2000", "credit", "0.00", "0.00", "300.00", "-300.00"],
      ["3100", "credit", "-1000.00", "0.00", "0.00", "-1000.00"],
      ["4100", "credit", "0.00", "0.00", "500.00", "-500.00"],
      ["5100", "debit", "0.00", "200.00", "0.00", "200.00"],
    ]);
  });

  it("totals the debit and credit columns to the same figures", () => {
    const { totals } = buildTrialBalance(chart, opening, period);
    expect(Object.fromEntries(Object.entries(totals).map(([key, value]) => [key, value.toFixed(2)]))).toEqual({
      openingDebit: "1000.00",
      openingCredit: "1000.00",
      debit: "1000.00",
      credit: "1000.00",
      closingDebit: "1800.00",
      closingCredit: "1800.00",
    });
  });

  it("keeps an account whose movements cancel out, and leaves out one that never moved", () => {
    const { rows } = buildTrialBalance(chart, new Map(), moved({ "1200": [50, 50] }));
    expect(rows.map((row) => [row.code, row.closing.toFixed(2)])).toEqual([["1200", "0.00"]]);
  });

  it("orders codes numerically where they are numbers", () => {
    const accounts = [account("10", "asset"), account("9", "asset"), account("100", "liability")];
    const { rows } = buildTrialBalance(accounts, new Map(), moved({ "10": [1, 0], "9": [1, 0], "100": [0, 2] }));
    expect(rows.map((row) => row.code)).toEqual(["9", "10", "100"]);
  });

  it("refuses a movement of an account it was not given, rather than dropping it from the totals", () => {
    expect(() => buildTrialBalance(chart, new Map(), moved({ ghost: [1, 0] }))).toThrow("movement of an account the report was not given: ghost");
  });
});

describe("profit and loss", () => {
  it("groups income and expenses by the tree, sums groups, and nets them", () => {
    const pnl = buildProfitAndLoss(chart, [moved({ "4100": [0, 500], "4200": [20, 120], "5100": [200, 0], "1100": [400, 200] })]);
    expect(pnl.income.accounts.map((node) => [node.code, strings(node.amounts), node.children.map((child) => [child.code, strings(child.amounts)])])).toEqual([
      ["4000", ["600.00"], [["4100", ["500.00"]], ["4200", ["100.00"]]]],
    ]);
    expect(pnl.expenses.accounts.map((node) => [node.code, strings(node.amounts), node.children.map((child) => child.code)])).toEqual([
      ["5000", ["200.00"], ["5100"]],
    ]);
    expect(strings(pnl.income.totals)).toEqual(["600.00"]);
    expect(strings(pnl.expenses.totals)).toEqual(["200.00"]);
    expect(strings(pnl.netIncome)).toEqual(["400.00"]);
  });

  it("shows a comparison period as a second column, with accounts that moved in either", () => {
    const pnl = buildProfitAndLoss(chart, [moved({ "4100": [0, 500] }), moved({ "4100": [0, 300], "5200": [450, 0] })]);
    expect(pnl.income.accounts[0]!.children.map((node) => [node.code, strings(node.amounts)])).toEqual([["4100", ["500.00", "300.00"]]]);
    expect(pnl.expenses.accounts[0]!.children.map((node) => [node.code, strings(node.amounts)])).toEqual([["5200", ["0.00", "450.00"]]]);
    expect(strings(pnl.netIncome)).toEqual(["500.00", "-150.00"]);
  });

  it("is empty with zero totals for a period without income or expenses", () => {
    const pnl = buildProfitAndLoss(chart, [moved({ "1100": [10, 0], "2000": [0, 10] })]);
    expect(pnl.income.accounts).toEqual([]);
    expect(strings(pnl.netIncome)).toEqual(["0.00"]);
  });

  it("keeps exact decimals: a third of a cent is neither lost nor rounded", () => {
    const pnl = buildProfitAndLoss(chart, [moved({ "4100": [0, "0.333333"], "4200": [0, "0.666667"] })]);
    expect(pnl.netIncome[0]!.toString()).toBe("1");
  });

  it("puts an account under a parent of another type at the top of its own section", () => {
    const accounts = [...chart, account("5900", "expense", "4000")];
    const pnl = buildProfitAndLoss(accounts, [moved({ "5900": [5, 0] })]);
    expect(pnl.expenses.accounts.map((node) => node.code)).toEqual(["5900"]);
    expect(pnl.income.accounts).toEqual([]);
  });

  it("refuses parents that go round in a circle instead of losing their amounts", () => {
    const accounts = [account("A", "income", "B"), account("B", "income", "A")];
    expect(() => buildProfitAndLoss(accounts, [moved({ A: [0, 1] })])).toThrow("the account tree has a cycle through A");
  });
});

describe("balance sheet", () => {
  it("shows the year's earnings inside equity, so assets = liabilities + equity", () => {
    const beforeYear = moved({ "1100": [1000, 0], "3100": [0, 1000] });
    const yearToDate = moved({ "1100": [800, 200], "4100": [0, 500], "5100": [200, 0], "2000": [0, 300] });
    const sheet = buildBalanceSheet(chart, beforeYear, yearToDate);
    expect(sheet.assets.accounts.map((node) => [node.code, strings(node.amounts)])).toEqual([["1000", ["1600.00"]]]);
    expect(sheet.liabilities.accounts.map((node) => [node.code, strings(node.amounts)])).toEqual([["2000", ["300.00"]]]);
    expect(sheet.equity.accounts.map((node) => [node.code, strings(node.amounts)])).toEqual([["3000", ["1000.00"]]]);
    expect(sheet.equity.currentYearEarnings.toFixed(2)).toBe("300.00");
    expect(sheet.equity.unclosedPriorYearsEarnings.toFixed(2)).toBe("0.00");
    expect(Object.fromEntries(Object.entries(sheet.totals).map(([key, value]) => [key, value.toFixed(2)]))).toEqual({
      assets: "1600.00",
      liabilities: "300.00",
      equity: "1300.00",
      liabilitiesAndEquity: "1600.00",
    });
  });

  it("counts earlier years' earnings that no closing entry moved as unclosed, not as this year's", () => {
    const sheet = buildBalanceSheet(chart, moved({ "1100": [70, 0], "4100": [0, 70] }), moved({ "1100": [5, 0], "4200": [0, 5] }));
    expect(sheet.equity.unclosedPriorYearsEarnings.toFixed(2)).toBe("70.00");
    expect(sheet.equity.currentYearEarnings.toFixed(2)).toBe("5.00");
    expect(sheet.totals.equity.toFixed(2)).toBe("75.00");
  });

  it("leaves out accounts whose balance is zero", () => {
    const sheet = buildBalanceSheet(chart, new Map(), moved({ "1100": [50, 50], "1200": [10, 0], "2000": [0, 10] }));
    expect(sheet.assets.accounts[0]!.children.map((node) => node.code)).toEqual(["1200"]);
  });
});

describe("general ledger", () => {
  it("carries the balance from the opening through each line", () => {
    const lines = withRunningBalance(d("100.50"), [
      { id: "a", debit: d(20), credit: ZERO },
      { id: "b", debit: ZERO, credit: d("150.25") },
    ]);
    expect(lines.map((line) => [line.id, line.runningBalance.toFixed(2)])).toEqual([
      ["a", "120.50"],
      ["b", "-29.75"],
    ]);
  });
});

describe("the reports agree with each other for any balanced ledger", () => {
  const accountIds = chart.filter((a) => !a.isGroup).map((a) => a.id);
  const cents = fc.integer({ min: 1, max: 10_000_000 }).map((value) => d(value).dividedBy(100));
  /** A balanced entry: a few debit lines, and credit lines splitting the same total. */
  const entry = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...accountIds), cents), { minLength: 1, maxLength: 4 }),
      fc.array(fc.constantFrom(...accountIds), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([debits, creditAccounts, beforeYear]) => {
      const total = debits.reduce((sum, [, value]) => sum.plus(value), ZERO);
      const share = total.dividedBy(creditAccounts.length).toDecimalPlaces(2, Decimal.ROUND_DOWN);
      const credits = creditAccounts.map((id, index): [string, Decimal] => [id, index === 0 ? total.minus(share.times(creditAccounts.length - 1)) : share]);
      return { debits, credits, beforeYear };
    });

  const add = (map: Map<string, Movement>, id: string, debit: Decimal, credit: Decimal) => {
    const current = map.get(id) ?? { debit: ZERO, credit: ZERO };
    map.set(id, { debit: current.debit.plus(debit), credit: current.credit.plus(credit) });
  };

  it("trial balance columns agree, the balance sheet balances, and net income is the year's earnings", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
        const beforeYear = new Map<string, Movement>();
        const yearToDate = new Map<string, Movement>();
        for (const { debits, credits, beforeYear: early } of entries) {
          const target = early ? beforeYear : yearToDate;
          for (const [id, value] of debits) add(target, id, value, ZERO);
          for (const [id, value] of credits) add(target, id, ZERO, value);
        }
        const trial = buildTrialBalance(chart, beforeYear, yearToDate);
        expect(trial.totals.debit.equals(trial.totals.credit)).toBe(true);
        expect(trial.totals.openingDebit.equals(trial.totals.openingCredit)).toBe(true);
        expect(trial.totals.closingDebit.equals(trial.totals.closingCredit)).toBe(true);

        const sheet = buildBalanceSheet(chart, beforeYear, yearToDate);
        expect(sheet.totals.assets.equals(sheet.totals.liabilitiesAndEquity)).toBe(true);

        const pnl = buildProfitAndLoss(chart, [yearToDate]);
        expect(pnl.netIncome[0]!.equals(sheet.equity.currentYearEarnings)).toBe(true);

        // Closing the year leaves no income or expense balance and keeps the sheet balanced.
        const lines = closingLines(chart, combineMovements(beforeYear, yearToDate), "3900");
        const closing = new Map<string, Movement>();
        for (const line of lines) add(closing, line.accountId, line.debit, line.credit);
        expect(lines.reduce((sum, line) => sum.plus(line.debit).minus(line.credit), ZERO).isZero()).toBe(true);
        const closed = buildBalanceSheet(chart, beforeYear, combineMovements(yearToDate, closing));
        expect(closed.totals.assets.equals(closed.totals.liabilitiesAndEquity)).toBe(true);
        expect(closed.totals.equity.equals(sheet.totals.equity)).toBe(true);
        const after = buildTrialBalance(chart, new Map(), combineMovements(combineMovements(beforeYear, yearToDate), closing));
        expect(after.rows.filter((row) => (row.type === "income" || row.type === "expense") && !row.closing.isZero())).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
