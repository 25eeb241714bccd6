/** What the bank tests start from: organizations with a ledger, bank accounts through the API, the trial balance's verdict. */
import type { Api } from "../../../test/harness";

export { organizationWithLedger, type TestOrganization } from "../payments/payment.fixtures";

export interface BankAccount {
  id: string;
  name: string;
  accountNumber: string | null;
  accountNumberMasked: boolean;
  currency: string;
  accountId: string;
  accountCode: string;
  openingEntryId: string | null;
  balance: { amount: string; currency: string; baseAmount: string; baseCurrency: string };
  status: string;
}

export async function bankAccount(api: Api, body: Record<string, unknown>): Promise<BankAccount> {
  const res = await api.post("/bank-accounts", body);
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as BankAccount;
}

/** Records the organization's rate of `currency` from `effectiveDate`. */
export async function exchangeRate(api: Api, currency: string, rate: string, effectiveDate = "2026-01-01"): Promise<void> {
  const res = await api.post("/exchange-rates", { currency, rate, effectiveDate });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
}

/** The trial balance's totals on a late date, and whether they are equal. */
export async function trialBalance(api: Api) {
  const res = await api.get("/reports/trial-balance?asOf=2026-12-31");
  if (res.status !== 200) throw new Error(`trial balance: ${res.status} ${JSON.stringify(res.body)}`);
  const report = res.body.data as { rows: { code: string; closing: string }[]; totals: { debit: string; credit: string } };
  return { balanced: report.totals.debit === report.totals.credit, closing: (code: string) => report.rows.find((row) => row.code === code)?.closing ?? "0.00" };
}
