/** Entries for the reports and periods tests: the default chart's accounts by code, drafts and postings through HTTP. */
import type { Api, FinanceTestApp } from "./harness";

/**
 * The default chart's accounts the tests book on. Receivable and payable are control accounts
 * (only documents post to them): manual entries in tests book on prepaid and accrued instead.
 */
export const CODES = {
  cash: "1110",
  bank: "1120",
  receivable: "1200",
  prepaid: "1600",
  assets: "1000",
  payable: "2110",
  accrued: "2500",
  capital: "3100",
  retainedEarnings: "3200",
  equity: "3000",
  income: "4000",
  sales: "4100",
  otherIncome: "4900",
  operatingExpenses: "6000",
  salaries: "6100",
  rent: "6200",
} as const;

export type Accounts = Record<keyof typeof CODES, string>;

export async function accountsOf(t: FinanceTestApp, api: Api): Promise<Accounts> {
  const res = await api.get("/accounts?limit=200");
  if (res.status !== 200) throw new Error(`accounts: ${res.status} ${JSON.stringify(res.body)}`);
  const byCode = new Map((res.body.data as { id: string; code: string }[]).map((account) => [account.code, account.id]));
  const entries = await Promise.all(
    Object.entries(CODES).map(async ([name, code]) => [name, byCode.get(code) ?? (await t.account(api, code)).id] as const),
  );
  return Object.fromEntries(entries) as Accounts;
}

export const debit = (accountId: string, amount: string, extra: object = {}) => ({ accountId, debit: amount, ...extra });
export const credit = (accountId: string, amount: string, extra: object = {}) => ({ accountId, credit: amount, ...extra });

/** A draft entry: `{ id }`. */
export async function draft(api: Api, body: object): Promise<{ id: string }> {
  const res = await api.post("/journal-entries", body);
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** A posted entry: `{ id, number, ... }`. */
export async function post(api: Api, body: object): Promise<{ id: string; number: string; date: string }> {
  const { id } = await draft(api, body);
  const res = await api.post(`/journal-entries/${id}/post`);
  if (res.status !== 200) throw new Error(`post: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** `amount` from `from` to `to` (debit `to`, credit `from`) on `date`. */
export const transfer = (date: string, to: string, from: string, amount: string, memo?: string) => ({
  date,
  ...(memo && { memo }),
  lines: [debit(to, amount), credit(from, amount)],
});
