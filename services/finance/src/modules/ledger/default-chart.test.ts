/** The default chart keeps the chart's rules, since it is written without the API's checks. */
import { subtypeAllows } from "../accounts/account-types";
import { DEFAULT_CHART, type ChartAccount } from "./default-chart";

function flatten(accounts: ChartAccount[], parent?: ChartAccount): { account: ChartAccount; parent?: ChartAccount }[] {
  return accounts.flatMap((account) => [{ account, parent }, ...flatten(account.children ?? [], account)]);
}

const all = flatten(DEFAULT_CHART);

test("codes are unique ignoring case and spaces", () => {
  const codes = all.map(({ account }) => account.code.trim().toLowerCase());
  expect(new Set(codes).size).toBe(codes.length);
});

test("every account sits under a group of its own type, with a subtype its type allows", () => {
  for (const { account, parent } of all) {
    if (parent) expect([account.code, parent.type]).toEqual([account.code, account.type]);
    expect([account.code, subtypeAllows(account.subtype, account.type)]).toEqual([account.code, true]);
  }
});

test("every subtype the ledger and later features look up has a posting account", () => {
  const subtypes = new Set(all.filter(({ account }) => !account.children).map(({ account }) => account.subtype));
  for (const needed of ["bank", "cash", "receivable", "payable", "tax", "inventory", "cost_of_goods_sold", "retained_earnings", "exchange_gain_loss", "rounding", "opening_balance", "goods_received_not_invoiced", "stock_adjustment"] as const) {
    expect([needed, subtypes.has(needed)]).toEqual([needed, true]);
  }
});
