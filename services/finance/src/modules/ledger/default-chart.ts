/**
 * The chart of accounts a new organization starts with: groups per type, and one posting account
 * for every subtype the ledger and later features look up (receivable, payable, tax, inventory,
 * rounding, exchange gain/loss, retained earnings...). Bank and cash accounts hold the base
 * currency; the others take lines in any currency, reported in the base currency.
 */
import type { AccountSubtype, AccountType } from "../../generated/prisma/enums";

export interface ChartAccount {
  code: string;
  name: string;
  type: AccountType;
  subtype?: AccountSubtype;
  /** Group accounts hold others and are never posted to. */
  children?: ChartAccount[];
  /** In the base currency only (bank, cash). */
  baseCurrencyOnly?: boolean;
}

const posting = (code: string, name: string, type: AccountType, subtype?: AccountSubtype, baseCurrencyOnly?: boolean): ChartAccount => ({
  code,
  name,
  type,
  ...(subtype ? { subtype } : {}),
  ...(baseCurrencyOnly ? { baseCurrencyOnly } : {}),
});
const group = (code: string, name: string, type: AccountType, children: ChartAccount[]): ChartAccount => ({ code, name, type, children });

export const DEFAULT_CHART: ChartAccount[] = [
  group("1000", "Assets", "asset", [
    group("1100", "Current assets", "asset", [
      posting("1110", "Cash", "asset", "cash", true),
      posting("1120", "Bank account", "asset", "bank", true),
      posting("1130", "Undeposited funds", "asset", "undeposited_funds"),
      posting("1200", "Accounts receivable", "asset", "receivable"),
      posting("1300", "Inventory", "asset", "inventory"),
      posting("1400", "Input tax receivable", "asset", "tax"),
      posting("1500", "Supplier advances", "asset", "supplier_advance"),
      posting("1600", "Prepaid expenses", "asset", "current_asset"),
    ]),
    group("1700", "Fixed assets", "asset", [
      posting("1710", "Equipment", "asset", "fixed_asset"),
      posting("1790", "Accumulated depreciation", "asset", "accumulated_depreciation"),
    ]),
  ]),
  group("2000", "Liabilities", "liability", [
    group("2100", "Current liabilities", "liability", [
      posting("2110", "Accounts payable", "liability", "payable"),
      posting("2120", "Goods received not invoiced", "liability", "goods_received_not_invoiced"),
      posting("2200", "Sales tax payable", "liability", "tax"),
      posting("2300", "Customer advances", "liability", "customer_advance"),
      posting("2400", "Employee reimbursements payable", "liability", "employee_payable"),
      posting("2500", "Accrued liabilities", "liability", "current_liability"),
    ]),
    group("2700", "Long-term liabilities", "liability", [posting("2710", "Loans", "liability", "long_term_liability")]),
  ]),
  group("3000", "Equity", "equity", [
    posting("3100", "Share capital", "equity", "capital"),
    posting("3200", "Retained earnings", "equity", "retained_earnings"),
    posting("3300", "Opening balance equity", "equity", "opening_balance"),
  ]),
  group("4000", "Income", "income", [
    posting("4100", "Sales", "income", "sales"),
    posting("4900", "Other income", "income", "other_income"),
  ]),
  group("5000", "Cost of sales", "expense", [
    posting("5100", "Cost of goods sold", "expense", "cost_of_goods_sold"),
    posting("5200", "Stock adjustments", "expense", "stock_adjustment"),
  ]),
  group("6000", "Operating expenses", "expense", [
    posting("6100", "Salaries and wages", "expense", "operating_expense"),
    posting("6200", "Rent", "expense", "operating_expense"),
    posting("6300", "Utilities", "expense", "operating_expense"),
    posting("6400", "Office supplies", "expense", "operating_expense"),
    posting("6500", "Travel", "expense", "operating_expense"),
    posting("6600", "Professional fees", "expense", "operating_expense"),
    posting("6700", "Bank charges", "expense", "operating_expense"),
    posting("6800", "Depreciation", "expense", "depreciation"),
  ]),
  group("7000", "Other expenses", "expense", [
    posting("7100", "Exchange gains and losses", "expense", "exchange_gain_loss"),
    posting("7200", "Rounding differences", "expense", "rounding"),
    posting("7900", "Other expenses", "expense", "other_expense"),
  ]),
];
