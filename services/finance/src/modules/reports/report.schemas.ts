/**
 * Request and response schemas of the financial reports, and the mapping from the computed reports
 * (exact decimals) to their API shapes: every amount a decimal string at the base currency's minor
 * units, with `currency` beside it.
 */
import { paginationQuery, z } from "@erp/http-kit";
import { formatMoney, type Decimal } from "@erp/money";
import type { ReportNode, ReportSection } from "./account-tree";
import type { BalanceSheet } from "./balance-sheet";
import type { ProfitAndLoss } from "./profit-and-loss";
import type { TrialBalance } from "./trial-balance";
import { dateString } from "@erp/dates";

const date = dateString;
const amount = z.string().meta({ example: "1250.00" });
const accountTypes = z.enum(["asset", "liability", "equity", "income", "expense"]);

const format = z
  .enum(["json", "csv"])
  .optional()
  .describe("csv: the report as a CSV file; `Accept: text/csv` does the same. Default: JSON");

/** `to` on or after `from`, as a validation detail on `to`. */
const ordered = (from: string, to: string, path: string) => ({ ok: to >= from, path, message: `Must be on or after ${from}` });

export const trialBalanceQuery = z.object({ asOf: date.describe("The last day included"), format }).strict();
export type TrialBalanceQuery = z.infer<typeof trialBalanceQuery>;

export const balanceSheetQuery = z.object({ asOf: date.describe("The day the balances are taken at (end of day)"), format }).strict();
export type BalanceSheetQuery = z.infer<typeof balanceSheetQuery>;

export const profitAndLossQuery = z
  .object({
    from: date.describe("First day of the period"),
    to: date.describe("Last day of the period"),
    compareFrom: date.optional().describe("First day of the comparison period (with compareTo)"),
    compareTo: date.optional().describe("Last day of the comparison period (with compareFrom)"),
    format,
  })
  .strict()
  .superRefine((query, ctx) => {
    const checks = [ordered(query.from, query.to, "to")];
    if (query.compareFrom !== undefined && query.compareTo !== undefined) checks.push(ordered(query.compareFrom, query.compareTo, "compareTo"));
    for (const check of checks) if (!check.ok) ctx.addIssue({ code: "custom", path: [check.path], message: check.message });
    if ((query.compareFrom === undefined) !== (query.compareTo === undefined)) {
      const missing = query.compareFrom === undefined ? "compareFrom" : "compareTo";
      ctx.addIssue({ code: "custom", path: [missing], message: "compareFrom and compareTo go together" });
    }
  });
export type ProfitAndLossQuery = z.infer<typeof profitAndLossQuery>;

export const generalLedgerQuery = paginationQuery
  .extend({ accountId: z.uuid(), from: date.describe("First day"), to: date.describe("Last day"), format })
  .strict()
  .superRefine((query, ctx) => {
    const check = ordered(query.from, query.to, "to");
    if (!check.ok) ctx.addIssue({ code: "custom", path: [check.path], message: check.message });
  });
export type GeneralLedgerQuery = z.infer<typeof generalLedgerQuery>;

// ── Trial balance ───────────────────────────────────────────────────────────────────────────────

export const trialBalanceDto = z.object({
  asOf: z.string(),
  from: z.string().describe("First day of the fiscal year holding asOf: opening balances are taken before it"),
  currency: z.string().describe("The base currency of every amount"),
  rows: z.array(
    z.object({
      accountId: z.uuid(),
      code: z.string(),
      name: z.string(),
      type: accountTypes,
      normalBalance: z.enum(["debit", "credit"]),
      opening: amount.describe("Debit − credit before `from` (negative: a credit balance)"),
      debit: amount,
      credit: amount,
      closing: amount.describe("opening + debit − credit"),
    }),
  ),
  totals: z.object({
    openingDebit: amount,
    openingCredit: amount,
    debit: amount,
    credit: amount,
    closingDebit: amount,
    closingCredit: amount,
  }),
});
export type TrialBalanceDto = z.infer<typeof trialBalanceDto>;

export function toTrialBalanceDto(report: TrialBalance, context: { asOf: string; from: string; currency: string }): TrialBalanceDto {
  const money = moneyIn(context.currency);
  return {
    ...context,
    rows: report.rows.map((row) => ({
      accountId: row.accountId,
      code: row.code,
      name: row.name,
      type: row.type,
      normalBalance: row.normalBalance,
      opening: money(row.opening),
      debit: money(row.debit),
      credit: money(row.credit),
      closing: money(row.closing),
    })),
    totals: mapValues(report.totals, money),
  };
}

// ── Profit and loss, balance sheet: the account tree ────────────────────────────────────────────

export interface ReportNodeDto {
  accountId: string;
  code: string;
  name: string;
  type: z.infer<typeof accountTypes>;
  isGroup: boolean;
  amount: string;
  compareAmount?: string;
  children: ReportNodeDto[];
}

/** Documented one level deep: `children` holds nodes of this same shape, recursively. */
const reportNode = z.object({
  accountId: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: accountTypes,
  isGroup: z.boolean(),
  amount: amount.describe("For a group: the sum of its accounts"),
  compareAmount: amount.optional().describe("The comparison period's amount, when one was asked for"),
  children: z.array(z.object({}).passthrough()).describe("Accounts under this group, each of this same shape"),
});

const sectionDto = z.object({
  total: amount,
  compareTotal: amount.optional(),
  accounts: z.array(reportNode),
});

function toNodeDto(node: ReportNode, money: (value: Decimal) => string): ReportNodeDto {
  const [value, compared] = node.amounts;
  return {
    accountId: node.accountId,
    code: node.code,
    name: node.name,
    type: node.type,
    isGroup: node.isGroup,
    amount: money(value!),
    ...(compared !== undefined && { compareAmount: money(compared) }),
    children: node.children.map((child) => toNodeDto(child, money)),
  };
}

function toSectionDto(section: ReportSection, money: (value: Decimal) => string): ReportSectionDto {
  const [total, compared] = section.totals;
  return {
    total: money(total!),
    ...(compared !== undefined && { compareTotal: money(compared) }),
    accounts: section.accounts.map((node) => toNodeDto(node, money)),
  };
}

/** A section of a report (its zod schema documents the tree one level deep). */
export interface ReportSectionDto {
  total: string;
  compareTotal?: string;
  accounts: ReportNodeDto[];
}

export const profitAndLossDto = z.object({
  from: z.string(),
  to: z.string(),
  compareFrom: z.string().optional(),
  compareTo: z.string().optional(),
  currency: z.string().describe("The base currency of every amount"),
  income: sectionDto.describe("Income accounts, credit − debit"),
  expenses: sectionDto.describe("Expense accounts, debit − credit"),
  netIncome: amount.describe("income − expenses (negative: a loss)"),
  compareNetIncome: amount.optional(),
});
export type ProfitAndLossDto = Omit<z.infer<typeof profitAndLossDto>, "income" | "expenses"> & { income: ReportSectionDto; expenses: ReportSectionDto };

export function toProfitAndLossDto(report: ProfitAndLoss, query: ProfitAndLossQuery, currency: string): ProfitAndLossDto {
  const money = moneyIn(currency);
  const [netIncome, compareNetIncome] = report.netIncome;
  return {
    from: query.from,
    to: query.to,
    ...(query.compareFrom !== undefined && { compareFrom: query.compareFrom, compareTo: query.compareTo }),
    currency,
    income: toSectionDto(report.income, money),
    expenses: toSectionDto(report.expenses, money),
    netIncome: money(netIncome!),
    ...(compareNetIncome !== undefined && { compareNetIncome: money(compareNetIncome) }),
  };
}

export const balanceSheetDto = z.object({
  asOf: z.string(),
  fiscalYear: z.object({ fiscalYear: z.int(), start: z.string(), end: z.string() }).describe("The fiscal year holding asOf"),
  currency: z.string().describe("The base currency of every amount"),
  assets: sectionDto.describe("Debit balances"),
  liabilities: sectionDto.describe("Credit balances"),
  equity: sectionDto.extend({
    total: amount.describe("Equity accounts + currentYearEarnings + unclosedPriorYearsEarnings"),
    currentYearEarnings: amount.describe("Income − expenses from the fiscal year's start to asOf, not yet closed"),
    unclosedPriorYearsEarnings: amount.describe("Earlier years' income − expenses that no closing entry moved"),
  }),
  totals: z.object({
    assets: amount,
    liabilities: amount,
    equity: amount,
    liabilitiesAndEquity: amount.describe("Always equal to assets"),
  }),
});
type BalanceSheetShape = z.infer<typeof balanceSheetDto>;
export type BalanceSheetDto = Omit<BalanceSheetShape, "assets" | "liabilities" | "equity"> & {
  assets: ReportSectionDto;
  liabilities: ReportSectionDto;
  equity: ReportSectionDto & Pick<BalanceSheetShape["equity"], "currentYearEarnings" | "unclosedPriorYearsEarnings">;
};

export function toBalanceSheetDto(
  report: BalanceSheet,
  context: { asOf: string; fiscalYear: { fiscalYear: number; start: string; end: string }; currency: string },
): BalanceSheetDto {
  const money = moneyIn(context.currency);
  return {
    ...context,
    assets: toSectionDto(report.assets, money),
    liabilities: toSectionDto(report.liabilities, money),
    equity: {
      ...toSectionDto(report.equity, money),
      currentYearEarnings: money(report.equity.currentYearEarnings),
      unclosedPriorYearsEarnings: money(report.equity.unclosedPriorYearsEarnings),
    },
    totals: mapValues(report.totals, money),
  };
}

// ── General ledger ──────────────────────────────────────────────────────────────────────────────

export const ledgerLineDto = z.object({
  lineId: z.uuid(),
  entryId: z.uuid(),
  entryNumber: z.string(),
  entryDate: z.string(),
  lineNumber: z.int(),
  memo: z.string().nullable(),
  reference: z.string().nullable(),
  description: z.string().nullable(),
  debit: amount.describe("In the base currency"),
  credit: amount.describe("In the base currency"),
  runningBalance: amount.describe("The account's balance after this line, debit − credit"),
  lineCurrency: z.string(),
  lineDebit: amount.describe("In the line's currency"),
  lineCredit: amount.describe("In the line's currency"),
  exchangeRate: z.string().describe("Base currency per one unit of the line's currency"),
  partyType: z.enum(["customer", "supplier", "employee"]).nullable().describe("employee: a reimbursement's claimant (a user id)"),
  partyId: z.uuid().nullable(),
});
export type LedgerLineDto = z.infer<typeof ledgerLineDto>;

export const generalLedgerDto = z.object({
  account: z.object({ id: z.uuid(), code: z.string(), name: z.string(), type: accountTypes, normalBalance: z.enum(["debit", "credit"]) }),
  from: z.string(),
  to: z.string(),
  currency: z.string().describe("The base currency of every base amount"),
  openingBalance: amount.describe("Debit − credit before `from`"),
  closingBalance: amount.describe("Debit − credit at the end of `to` (the whole range, not only this page)"),
  pageOpeningBalance: amount.describe("The running balance before this page's first line"),
  lines: z.array(ledgerLineDto),
});
export type GeneralLedgerDto = z.infer<typeof generalLedgerDto>;

/** The general ledger's answer: the report in `data`, its lines paged with `page` beside it. */
export interface GeneralLedgerPage {
  data: GeneralLedgerDto;
  page: { limit: number; nextCursor: string | null; hasMore: boolean };
}

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────

/** Formats amounts at the currency's minor units (they are stored at them, so nothing is lost). */
export const moneyIn = (currency: string) => (value: Decimal) => formatMoney(value, currency);

function mapValues<K extends string>(values: Record<K, Decimal>, money: (value: Decimal) => string): Record<K, string> {
  return Object.fromEntries(Object.entries<Decimal>(values).map(([key, value]) => [key, money(value)])) as Record<K, string>;
}

/**
 * The OpenAPI `alternatives` of a report's 200: the same report as CSV (`format=csv` or
 * `Accept: text/csv`), a header row then one line per row, written by @erp/csv.
 */
export const CSV_ALTERNATIVE = {
  "text/csv": z.string().describe("The report as CSV (format=csv or Accept: text/csv): a header row, then one line per row, as a file download"),
};
