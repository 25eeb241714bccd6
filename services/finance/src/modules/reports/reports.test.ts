/** The financial reports through HTTP: JSON and CSV, from the maintained balances. */
import { permissions } from "../../permissions";
import { accountsOf, credit, debit, draft, post, transfer, type Accounts } from "../../../test/ledger-fixtures";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

interface Row {
  code: string;
  opening: string;
  debit: string;
  credit: string;
  closing: string;
}
interface Node {
  code: string;
  amount: string;
  compareAmount?: string;
  children: Node[];
}
const tree = (nodes: Node[]): unknown[] =>
  nodes.map((node) => [node.code, node.amount, ...(node.compareAmount === undefined ? [] : [node.compareAmount]), ...(node.children.length ? [tree(node.children)] : [])]);

/**
 * A small company's books: 2025 capital and trading, 2026 trading including a sale in USD, a
 * draft that is never posted, and an entry reversed.
 */
async function books(): Promise<{ api: Api; id: string; a: Accounts }> {
  const org = t.organization();
  const a = await accountsOf(t, org.api);
  const { api } = org;
  await post(api, transfer("2025-01-02", a.bank, a.capital, "10000.00", "Capital paid in"));
  await post(api, transfer("2025-06-30", a.prepaid, a.sales, "2500.00"));
  await post(api, transfer("2025-07-31", a.rent, a.bank, "800.00"));
  await post(api, transfer("2026-01-15", a.bank, a.prepaid, "2500.00"));
  await post(api, transfer("2026-02-01", a.rent, a.bank, "800.00"));
  await post(api, transfer("2026-02-10", a.salaries, a.bank, "1500.00"));
  await post(api, { date: "2026-02-20", lines: [debit(a.prepaid, "1000.00", { currency: "USD", exchangeRate: "0.9" }), credit(a.sales, "900.00")] });
  await post(api, transfer("2026-03-05", a.bank, a.otherIncome, "45.50"));
  const wrong = await post(api, transfer("2026-03-06", a.salaries, a.bank, "99.00"));
  expect((await api.post(`/journal-entries/${wrong.id}/reverse`, { date: "2026-03-07" })).status).toBe(201);
  await draft(api, transfer("2026-02-15", a.rent, a.bank, "123.00"));
  return { api, id: org.id, a };
}

let company: Awaited<ReturnType<typeof books>>;
beforeAll(async () => {
  company = await books();
});

describe("trial balance", () => {
  it("lists each account's opening before the fiscal year, the year's debits and credits and the closing, with equal totals", async () => {
    const res = await company.api.get("/reports/trial-balance?asOf=2026-03-31");
    expect(res.status).toBe(200);
    const { rows, totals, ...head } = res.body.data;
    expect(head).toEqual({ asOf: "2026-03-31", from: "2026-01-01", currency: "EUR" });
    expect(rows.map((row: Row) => [row.code, row.opening, row.debit, row.credit, row.closing])).toEqual([
      ["1120", "9200.00", "2644.50", "2399.00", "9445.50"],
      ["1600", "2500.00", "900.00", "2500.00", "900.00"],
      ["3100", "-10000.00", "0.00", "0.00", "-10000.00"],
      ["4100", "-2500.00", "0.00", "900.00", "-3400.00"],
      ["4900", "0.00", "0.00", "45.50", "-45.50"],
      ["6100", "0.00", "1599.00", "99.00", "1500.00"],
      ["6200", "800.00", "800.00", "0.00", "1600.00"],
    ]);
    expect(rows[0]).toMatchObject({ name: "Bank account", type: "asset", normalBalance: "debit" });
    expect(totals).toEqual({
      openingDebit: "12500.00",
      openingCredit: "12500.00",
      debit: "5943.50",
      credit: "5943.50",
      closingDebit: "13445.50",
      closingCredit: "13445.50",
    });
  });

  it("at a date inside a month reads that month's days: a later posting of the month is not in it", async () => {
    const rows = (await company.api.get("/reports/trial-balance?asOf=2026-02-15")).body.data.rows as Row[];
    expect(rows.find((row) => row.code === "6100")?.closing).toBe("1500.00");
    expect(rows.find((row) => row.code === "4100")?.closing).toBe("-2500.00");
  });

  it("is read from the maintained balances, not from the lines", async () => {
    const org = t.organization();
    const a = await accountsOf(t, org.api);
    await post(org.api, transfer("2026-04-03", a.bank, a.sales, "10.00"));
    // Behind the application's back, as the owner: only a report that reads the balances sees it.
    await t.owner.query(
      "UPDATE finance.account_daily_balances SET base_debit = base_debit + 5 WHERE organization_id = $1 AND account_id = $2 AND balance_date = '2026-04-03'",
      [org.id, a.bank],
    );
    const rows = (await org.api.get("/reports/trial-balance?asOf=2026-04-03")).body.data.rows as Row[];
    expect(rows.find((row) => row.code === "1120")?.debit).toBe("15.00");
  });

  it("follows a change of the fiscal year's first month at once: the settings are read with the balances", async () => {
    const org = t.organization();
    const a = await accountsOf(t, org.api);
    await post(org.api, transfer("2026-02-01", a.bank, a.sales, "100.00"));
    const before = (await org.api.get("/reports/trial-balance?asOf=2026-06-30")).body.data;
    expect(before.from).toBe("2026-01-01");
    expect(before.rows.find((row: Row) => row.code === "1120")).toMatchObject({ opening: "0.00", debit: "100.00" });
    // As the tenant.settings.updated consumer writes it.
    await t.owner.query("UPDATE finance.ledger_settings SET fiscal_year_start_month = 4 WHERE organization_id = $1", [org.id]);
    const after = (await org.api.get("/reports/trial-balance?asOf=2026-06-30")).body.data;
    expect(after.from).toBe("2026-04-01");
    expect(after.rows.find((row: Row) => row.code === "1120")).toMatchObject({ opening: "100.00", debit: "0.00" });
    const sheet = (await org.api.get("/reports/balance-sheet?asOf=2026-06-30")).body.data;
    expect(sheet.fiscalYear).toEqual({ fiscalYear: 2026, start: "2026-04-01", end: "2027-03-31" });
  });

  it("answers CSV for Accept: text/csv and for format=csv, with every cell a spreadsheet could run neutralised", async () => {
    const org = t.organization();
    const a = await accountsOf(t, org.api);
    const formula = await org.api.post("/accounts", { code: "6990", name: "=HYPERLINK(\"http://evil.example\")", type: "expense", parentId: a.operatingExpenses });
    expect(formula.status).toBe(201);
    await post(org.api, transfer("2026-04-03", formula.body.data.id, a.bank, "12.30"));
    const byHeader = await org.api.get("/reports/trial-balance?asOf=2026-04-30").set("Accept", "text/csv");
    const byFormat = await org.api.get("/reports/trial-balance?asOf=2026-04-30&format=csv");
    for (const res of [byHeader, byFormat]) {
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(res.headers["content-disposition"]).toBe('attachment; filename="trial-balance-2026-04-30.csv"');
      expect(res.text.trim().split("\n")).toEqual([
        "Code,Account,Type,Normal balance,Opening,Debit,Credit,Closing,Currency",
        "1120,Bank account,asset,debit,0.00,0.00,12.30,-12.30,EUR",
        `6990,"'=HYPERLINK(""http://evil.example"")",expense,debit,0.00,12.30,0.00,12.30,EUR`,
        ",Total,,,,12.30,12.30,,EUR",
        ",Total debit balances,,,0.00,,,12.30,EUR",
        ",Total credit balances,,,0.00,,,12.30,EUR",
      ]);
    }
    const json = await org.api.get("/reports/trial-balance?asOf=2026-04-30&format=json").set("Accept", "text/csv");
    expect(json.headers["content-type"]).toMatch(/^application\/json/);
  });

  it.each([
    ["", "asOf"],
    ["?asOf=2026-02-30", "asOf"],
    ["?asOf=yesterday", "asOf"],
    ["?asOf=2026-01-31&format=xlsx", "format"],
    ["?asOf=2026-01-31&from=2026-01-01", "from"],
  ])("answers 400 with details for %s", async (query, path) => {
    const res = await company.api.get(`/reports/trial-balance${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });
});

describe("general ledger", () => {
  it("starts from the balance before `from` and carries the running balance through every line, page after page", async () => {
    const { api, a } = company;
    const path = `/reports/general-ledger?accountId=${a.bank}&from=2026-01-01&to=2026-03-31&limit=2`;
    const pages = [];
    let res = await api.get(path);
    for (;;) {
      expect(res.status).toBe(200);
      pages.push(res.body);
      if (!res.body.page.hasMore) break;
      res = await api.get(`${path}&cursor=${encodeURIComponent(res.body.page.nextCursor)}`);
    }
    expect(pages.map((page) => page.data.lines.length)).toEqual([2, 2, 2]);
    expect(pages[0].data).toMatchObject({
      account: { id: a.bank, code: "1120", name: "Bank account", type: "asset", normalBalance: "debit" },
      from: "2026-01-01",
      to: "2026-03-31",
      currency: "EUR",
      openingBalance: "9200.00",
      closingBalance: "9445.50",
      pageOpeningBalance: "9200.00",
    });
    expect(pages[1].data.pageOpeningBalance).toBe(pages[0].data.lines[1].runningBalance);
    const lines = pages.flatMap((page) => page.data.lines);
    expect(lines.map((line: { entryDate: string; debit: string; credit: string; runningBalance: string }) => [line.entryDate, line.debit, line.credit, line.runningBalance])).toEqual([
      ["2026-01-15", "2500.00", "0.00", "11700.00"],
      ["2026-02-01", "0.00", "800.00", "10900.00"],
      ["2026-02-10", "0.00", "1500.00", "9400.00"],
      ["2026-03-05", "45.50", "0.00", "9445.50"],
      ["2026-03-06", "0.00", "99.00", "9346.50"],
      ["2026-03-07", "99.00", "0.00", "9445.50"],
    ]);
    expect(pages.at(-1).page).toEqual({ limit: 2, nextCursor: null, hasMore: false });
  });

  it("shows each line in its own currency with the rate beside the base amounts", async () => {
    const { api, a } = company;
    const res = await api.get(`/reports/general-ledger?accountId=${a.prepaid}&from=2026-02-20&to=2026-02-20`);
    expect(res.body.data.lines).toMatchObject([
      { debit: "900.00", credit: "0.00", lineCurrency: "USD", lineDebit: "1000.00", lineCredit: "0.00", exchangeRate: "0.9", entryNumber: "JE-2026-000004" },
    ]);
  });

  it("includes the reversal after the entry it reverses, in posting order", async () => {
    const { api, a } = company;
    const res = await api.get(`/reports/general-ledger?accountId=${a.salaries}&from=2026-03-01&to=2026-03-31`);
    expect(res.body.data.lines.map((line: { debit: string; credit: string; runningBalance: string }) => [line.debit, line.credit, line.runningBalance])).toEqual([
      ["99.00", "0.00", "1599.00"],
      ["0.00", "99.00", "1500.00"],
    ]);
  });

  it("answers CSV with an opening-balance line and every line of the range", async () => {
    const { api, a } = company;
    const res = await api.get(`/reports/general-ledger?accountId=${a.bank}&from=2026-02-01&to=2026-02-28&format=csv`);
    expect(res.status).toBe(200);
    const lines = res.text.trim().split("\n");
    expect(lines[0]).toBe("Date,Entry,Line,Memo,Reference,Description,Debit,Credit,Balance,Currency,Line currency,Line debit,Line credit,Exchange rate,Party type,Party");
    expect(lines.slice(1).map((line) => line.split(",").slice(0, 9).join(","))).toEqual([
      "2026-02-01,,,,,Opening balance,,,11700.00",
      "2026-02-01,JE-2026-000002,2,,,,0.00,800.00,10900.00",
      "2026-02-10,JE-2026-000003,2,,,,0.00,1500.00,9400.00",
    ]);
  });

  it("is 404 for another organization's account and 400 for a bad range or a cursor of another ledger", async () => {
    const other = t.organization();
    const theirs = (await t.account(other.api, "1120")).id;
    expect((await company.api.get(`/reports/general-ledger?accountId=${theirs}&from=2026-01-01&to=2026-01-31`)).status).toBe(404);
    const { api, a } = company;
    const reversed = await api.get(`/reports/general-ledger?accountId=${a.bank}&from=2026-02-01&to=2026-01-31`);
    expect([reversed.status, reversed.body.error.details[0].path]).toEqual([400, "to"]);
    const page = await api.get(`/reports/general-ledger?accountId=${a.bank}&from=2026-01-01&to=2026-03-31&limit=1`);
    const cursor = encodeURIComponent(page.body.page.nextCursor);
    const otherAccount = await api.get(`/reports/general-ledger?accountId=${a.rent}&from=2026-01-01&to=2026-03-31&limit=1&cursor=${cursor}`);
    expect([otherAccount.status, otherAccount.body.error.details[0].path]).toEqual([400, "cursor"]);
    expect((await api.get(`/reports/general-ledger?accountId=${a.bank}&from=2026-01-01&to=2026-03-31&cursor=bm9wZQ`)).status).toBe(400);
    expect((await api.get(`/reports/general-ledger?accountId=nope&from=2026-01-01&to=2026-03-31`)).status).toBe(400);
    expect((await api.get(`/reports/general-ledger?from=2026-01-01&to=2026-03-31`)).status).toBe(400);
  });
});

describe("profit and loss", () => {
  it("groups income and expenses by the chart's tree with net income, and a comparison period beside them", async () => {
    const res = await company.api.get("/reports/profit-and-loss?from=2026-01-01&to=2026-03-31&compareFrom=2025-01-01&compareTo=2025-12-31");
    expect(res.status).toBe(200);
    const { income, expenses, ...rest } = res.body.data;
    expect(rest).toEqual({
      from: "2026-01-01",
      to: "2026-03-31",
      compareFrom: "2025-01-01",
      compareTo: "2025-12-31",
      currency: "EUR",
      netIncome: "-1354.50",
      compareNetIncome: "1700.00",
    });
    expect([income.total, income.compareTotal]).toEqual(["945.50", "2500.00"]);
    expect(tree(income.accounts)).toEqual([["4000", "945.50", "2500.00", [["4100", "900.00", "2500.00"], ["4900", "45.50", "0.00"]]]]);
    expect([expenses.total, expenses.compareTotal]).toEqual(["2300.00", "800.00"]);
    expect(tree(expenses.accounts)).toEqual([["6000", "2300.00", "800.00", [["6100", "1500.00", "0.00"], ["6200", "800.00", "800.00"]]]]);
    expect(income.accounts[0]).toMatchObject({ name: "Income", type: "income", isGroup: true });
  });

  it("without a comparison has no comparison amounts", async () => {
    const res = await company.api.get("/reports/profit-and-loss?from=2026-02-01&to=2026-02-15");
    expect(res.body.data).not.toHaveProperty("compareNetIncome");
    expect(tree(res.body.data.expenses.accounts)).toEqual([["6000", "2300.00", [["6100", "1500.00"], ["6200", "800.00"]]]]);
    expect(res.body.data.netIncome).toBe("-2300.00");
  });

  it("answers CSV, one line per account with its level, then the totals and net income", async () => {
    const res = await company.api.get("/reports/profit-and-loss?from=2026-01-01&to=2026-03-31").set("Accept", "text/csv");
    expect(res.text.trim().split("\n")).toEqual([
      "Section,Code,Account,Level,Amount,Comparison amount,Currency",
      "Income,4000,Income,0,945.50,,EUR",
      "Income,4100,Sales,1,900.00,,EUR",
      "Income,4900,Other income,1,45.50,,EUR",
      "Income,,Total income,,945.50,,EUR",
      "Expenses,6000,Operating expenses,0,2300.00,,EUR",
      "Expenses,6100,Salaries and wages,1,1500.00,,EUR",
      "Expenses,6200,Rent,1,800.00,,EUR",
      "Expenses,,Total expenses,,2300.00,,EUR",
      ",,Net income,,-1354.50,,EUR",
    ]);
  });

  it.each([
    ["?from=2026-01-01", ["to"]],
    ["?from=2026-02-01&to=2026-01-01", ["to"]],
    ["?from=2026-01-01&to=2026-01-31&compareFrom=2025-01-01", ["compareTo"]],
    ["?from=2026-01-01&to=2026-01-31&compareFrom=2025-02-01&compareTo=2025-01-01", ["compareTo"]],
  ])("answers 400 with details for %s", async (query, paths) => {
    const res = await company.api.get(`/reports/profit-and-loss${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(paths);
  });
});

describe("balance sheet", () => {
  it("balances assets against liabilities and equity, this year's and unclosed earlier years' earnings in equity", async () => {
    const res = await company.api.get("/reports/balance-sheet?asOf=2026-03-31");
    expect(res.status).toBe(200);
    const { assets, liabilities, equity, totals, ...head } = res.body.data;
    expect(head).toEqual({ asOf: "2026-03-31", fiscalYear: { fiscalYear: 2026, start: "2026-01-01", end: "2026-12-31" }, currency: "EUR" });
    expect(tree(assets.accounts)).toEqual([["1000", "10345.50", [["1100", "10345.50", [["1120", "9445.50"], ["1600", "900.00"]]]]]]);
    expect(liabilities).toEqual({ total: "0.00", accounts: [] });
    expect(tree(equity.accounts)).toEqual([["3000", "10000.00", [["3100", "10000.00"]]]]);
    expect(equity).toMatchObject({ total: "10345.50", currentYearEarnings: "-1354.50", unclosedPriorYearsEarnings: "1700.00" });
    expect(totals).toEqual({ assets: "10345.50", liabilities: "0.00", equity: "10345.50", liabilitiesAndEquity: "10345.50" });
  });

  it("answers CSV with the earnings lines and the totals", async () => {
    const res = await company.api.get("/reports/balance-sheet?asOf=2026-03-31&format=csv");
    expect(res.text.trim().split("\n")).toEqual([
      "Section,Code,Account,Level,Amount,Currency",
      "Assets,1000,Assets,0,10345.50,EUR",
      "Assets,1100,Current assets,1,10345.50,EUR",
      "Assets,1120,Bank account,2,9445.50,EUR",
      "Assets,1600,Prepaid expenses,2,900.00,EUR",
      "Assets,,Total assets,,10345.50,EUR",
      "Liabilities,,Total liabilities,,0.00,EUR",
      "Equity,3000,Equity,0,10000.00,EUR",
      "Equity,3100,Share capital,1,10000.00,EUR",
      "Equity,,Current-year earnings,,-1354.50,EUR",
      "Equity,,Unclosed earnings of prior years,,1700.00,EUR",
      "Equity,,Total equity,,10345.50,EUR",
      ",,Total liabilities and equity,,10345.50,EUR",
    ]);
  });

  it("answers 400 for a missing or malformed date", async () => {
    for (const query of ["", "?asOf=2026-13-01", "?asOf=2026-03-31&compareTo=2025-03-31"]) {
      expect((await company.api.get(`/reports/balance-sheet${query}`)).status).toBe(400);
    }
  });
});

describe("access", () => {
  it("every report needs the report permission (403), and a viewer has it", async () => {
    const { id, a } = company;
    const paths = [
      "/reports/trial-balance?asOf=2026-03-31",
      `/reports/general-ledger?accountId=${a.bank}&from=2026-01-01&to=2026-03-31`,
      "/reports/profit-and-loss?from=2026-01-01&to=2026-03-31",
      "/reports/balance-sheet?asOf=2026-03-31",
    ];
    const accountant = t.api(t.token(id, [permissions.accountRead, permissions.entryRead, permissions.periodRead]));
    const viewer = t.api(t.viewerToken(id));
    for (const path of paths) {
      expect((await accountant.get(path)).status).toBe(403);
      expect((await viewer.get(path)).status).toBe(200);
    }
  });

  it("another organization's reports hold none of this organization's figures", async () => {
    const other = t.organization();
    const trial = (await other.api.get("/reports/trial-balance?asOf=2026-03-31")).body.data;
    expect(trial.rows).toEqual([]);
    expect((await other.api.get("/reports/balance-sheet?asOf=2026-03-31")).body.data.totals.assets).toBe("0.00");
  });
});
