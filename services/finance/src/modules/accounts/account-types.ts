/**
 * The rules of account types and subtypes: which side an account's balance normally sits on, and
 * which types a subtype may have (a receivable is an asset; tax may be owed or reclaimable).
 */
import type { AccountSubtype, AccountType } from "../../generated/prisma/enums";

export const ACCOUNT_TYPES = ["asset", "liability", "equity", "income", "expense"] as const satisfies readonly AccountType[];

/** Assets and expenses grow with debits; liabilities, equity and income with credits. */
export function normalBalance(type: AccountType): "debit" | "credit" {
  return type === "asset" || type === "expense" ? "debit" : "credit";
}

/** Every subtype and the types it allows. */
export const SUBTYPE_TYPES = {
  bank: ["asset"],
  cash: ["asset"],
  receivable: ["asset"],
  inventory: ["asset"],
  current_asset: ["asset"],
  fixed_asset: ["asset"],
  accumulated_depreciation: ["asset"],
  supplier_advance: ["asset"],
  undeposited_funds: ["asset"],
  payable: ["liability"],
  tax: ["asset", "liability"],
  current_liability: ["liability"],
  long_term_liability: ["liability"],
  goods_received_not_invoiced: ["liability"],
  customer_advance: ["liability"],
  employee_payable: ["liability"],
  capital: ["equity"],
  retained_earnings: ["equity"],
  opening_balance: ["equity"],
  sales: ["income"],
  other_income: ["income"],
  cost_of_goods_sold: ["expense"],
  operating_expense: ["expense"],
  other_expense: ["expense"],
  depreciation: ["expense"],
  stock_adjustment: ["expense"],
  exchange_gain_loss: ["income", "expense"],
  rounding: ["income", "expense"],
} as const satisfies Record<AccountSubtype, readonly AccountType[]>;

export const ACCOUNT_SUBTYPES = Object.keys(SUBTYPE_TYPES) as [AccountSubtype, ...AccountSubtype[]];

/** True when `subtype` (or none) may be used with `type`. */
export function subtypeAllows(subtype: AccountSubtype | null | undefined, type: AccountType): boolean {
  return subtype == null || (SUBTYPE_TYPES[subtype] as readonly AccountType[]).includes(type);
}
