/**
 * The reports as CSV: the same figures as the JSON, one line per account (trees flattened with a
 * level column), totals as lines of their own. Written by @erp/csv, which neutralises cells a
 * spreadsheet would run as formulas (an account named "=HYPERLINK(...)").
 */
import { cursorBatches, type CsvColumn } from "@erp/csv";
import { inTransaction } from "@erp/db";
import type { Scope } from "@erp/scope";
import type { FinanceDb } from "../../db";
import { getGeneralLedger } from "./get-general-ledger";
import type { BalanceSheetDto, GeneralLedgerQuery, ProfitAndLossDto, ReportNodeDto, TrialBalanceDto } from "./report.schemas";

const column = (header: string, key: string): CsvColumn => ({ header, path: [key] });

export const trialBalanceCsvColumns: CsvColumn[] = [
  column("Code", "code"),
  column("Account", "name"),
  column("Type", "type"),
  column("Normal balance", "normalBalance"),
  column("Opening", "opening"),
  column("Debit", "debit"),
  column("Credit", "credit"),
  column("Closing", "closing"),
  column("Currency", "currency"),
];

/** Each account's line, then the totals (debit and credit columns; the balance columns' debit and credit sides). */
export function trialBalanceCsvRows(report: TrialBalanceDto): object[] {
  const { currency, totals } = report;
  return [
    ...report.rows.map((row) => ({ ...row, currency })),
    { name: "Total", debit: totals.debit, credit: totals.credit, currency },
    { name: "Total debit balances", opening: totals.openingDebit, closing: totals.closingDebit, currency },
    { name: "Total credit balances", opening: totals.openingCredit, closing: totals.closingCredit, currency },
  ];
}

const treeColumns = (amounts: CsvColumn[]): CsvColumn[] => [
  column("Section", "section"),
  column("Code", "code"),
  column("Account", "name"),
  { header: "Level", path: ["level"], kind: "integer" },
  ...amounts,
  column("Currency", "currency"),
];

export const profitAndLossCsvColumns = treeColumns([column("Amount", "amount"), column("Comparison amount", "compareAmount")]);
export const balanceSheetCsvColumns = treeColumns([column("Amount", "amount")]);

function treeRows(section: string, nodes: ReportNodeDto[], currency: string, level = 0): object[] {
  return nodes.flatMap((node) => [
    { section, code: node.code, name: node.name, level, amount: node.amount, compareAmount: node.compareAmount, currency },
    ...treeRows(section, node.children, currency, level + 1),
  ]);
}

export function profitAndLossCsvRows(report: ProfitAndLossDto): object[] {
  const { currency } = report;
  return [
    ...treeRows("Income", report.income.accounts, currency),
    { section: "Income", name: "Total income", amount: report.income.total, compareAmount: report.income.compareTotal, currency },
    ...treeRows("Expenses", report.expenses.accounts, currency),
    { section: "Expenses", name: "Total expenses", amount: report.expenses.total, compareAmount: report.expenses.compareTotal, currency },
    { name: "Net income", amount: report.netIncome, compareAmount: report.compareNetIncome, currency },
  ];
}

export function balanceSheetCsvRows(report: BalanceSheetDto): object[] {
  const { currency, totals, equity } = report;
  return [
    ...treeRows("Assets", report.assets.accounts, currency),
    { section: "Assets", name: "Total assets", amount: totals.assets, currency },
    ...treeRows("Liabilities", report.liabilities.accounts, currency),
    { section: "Liabilities", name: "Total liabilities", amount: totals.liabilities, currency },
    ...treeRows("Equity", equity.accounts, currency),
    { section: "Equity", name: "Current-year earnings", amount: equity.currentYearEarnings, currency },
    { section: "Equity", name: "Unclosed earnings of prior years", amount: equity.unclosedPriorYearsEarnings, currency },
    { section: "Equity", name: "Total equity", amount: totals.equity, currency },
    { name: "Total liabilities and equity", amount: totals.liabilitiesAndEquity, currency },
  ];
}

export const generalLedgerCsvColumns: CsvColumn[] = [
  column("Date", "entryDate"),
  column("Entry", "entryNumber"),
  { header: "Line", path: ["lineNumber"], kind: "integer" },
  column("Memo", "memo"),
  column("Reference", "reference"),
  column("Description", "description"),
  column("Debit", "debit"),
  column("Credit", "credit"),
  column("Balance", "runningBalance"),
  column("Currency", "currency"),
  column("Line currency", "lineCurrency"),
  column("Line debit", "lineDebit"),
  column("Line credit", "lineCredit"),
  column("Exchange rate", "exchangeRate"),
  column("Party type", "partyType"),
  column("Party", "partyId"),
];

/**
 * Every line of the account's ledger in the range, after an opening-balance line, for `sendCsv`.
 * Each page of 1,000 lines is read in its own short transaction, so a long export holds none open.
 * The first page is read before anything is written: an unknown account still answers 404 in JSON.
 */
export function generalLedgerCsvBatches(db: FinanceDb, scope: Scope, query: Omit<GeneralLedgerQuery, "limit" | "cursor" | "format">): AsyncIterable<readonly object[]> {
  let first = true;
  return cursorBatches(async (cursor) => {
    const { data, page } = await inTransaction(db, scope, (tx) => getGeneralLedger(tx, scope, { ...query, limit: 1000, cursor }));
    const lines = data.lines.map((line) => ({ ...line, currency: data.currency }));
    const opening = first ? [{ entryDate: data.from, description: "Opening balance", runningBalance: data.openingBalance, currency: data.currency }] : [];
    first = false;
    return { data: [...opening, ...lines], nextCursor: page.nextCursor };
  });
}
