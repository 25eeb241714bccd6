/**
 * The receivables and payables reports through HTTP: the aging's buckets and credits, its total
 * against the receivable (payable) accounts' balance in the trial balance on every date of a
 * history of invoices, partial payments, a credit note, an exchange difference and voids; the
 * statement's running balance; CSV; 400, 403 and 404.
 */
import { randomUUID } from "node:crypto";
import { inTransaction } from "@erp/db";
import { permissions } from "../../permissions";
import { startFinanceTestApp, type Api, type FinanceTestApp } from "../../../test/harness";
import { accountsOf, credit, debit, post } from "../../../test/ledger-fixtures";
import { asService } from "../../events";
import { partyReadRepository } from "../parties/party.repository";
import type { PartyKind } from "../parties/party-read-model";

let t: FinanceTestApp;
beforeAll(async () => {
  t = await startFinanceTestApp();
});
afterAll(() => t.close());

let clock = Date.parse("2026-01-01T00:00:00.000Z");
/** A customer or supplier in finance's read model, as master-data's events leave it. */
async function party(organizationId: string, kind: PartyKind, code: string, options: { currency?: string; paymentTermsDays?: number } = {}) {
  const id = randomUUID();
  const scope = asService(organizationId);
  clock += 1000;
  await inTransaction(t.db, scope, (tx) =>
    partyReadRepository(tx).upsertParty(scope.organizationId, {
      kind,
      id,
      occurredAt: new Date(clock).toISOString(),
      snapshot: {
        code,
        legalName: `${code} Ltd`,
        displayName: `${code} Trading`,
        taxId: null,
        email: null,
        billingAddress: null,
        paymentTermsDays: options.paymentTermsDays ?? 30,
        currency: options.currency ?? "EUR",
        status: "active",
      },
    }),
  );
  return id;
}

const ok = async (api: Api, path: string) => {
  const res = await api.get(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
};

describe("GET /reports/aging", () => {
  it("an organization without documents has an empty aging with zero totals", async () => {
    const org = t.organization();
    const report = await ok(org.api, "/reports/aging?type=receivable&asOf=2026-03-31");
    expect(report).toEqual({
      type: "receivable",
      asOf: "2026-03-31",
      currency: "EUR",
      parties: [],
      totals: { current: "0.00", days1To30: "0.00", days31To60: "0.00", days61To90: "0.00", over90: "0.00", unallocatedCredits: "0.00", total: "0.00" },
      totalsByCurrency: [],
    });
  });

  it("400 with details for a missing or wrong type, a date that does not exist, an unknown parameter", async () => {
    const { api } = t.organization();
    const cases: [string, string][] = [
      ["/reports/aging?asOf=2026-03-31", "type"],
      ["/reports/aging?type=owed&asOf=2026-03-31", "type"],
      ["/reports/aging?type=receivable", "asOf"],
      ["/reports/aging?type=receivable&asOf=2026-02-30", "asOf"],
      ["/reports/aging?type=receivable&asOf=2026-03-31&partyId=C-1", "partyId"],
      ["/reports/aging?type=receivable&asOf=2026-03-31&format=pdf", "format"],
      ["/reports/aging?type=receivable&asOf=2026-03-31&sort=name", "sort"],
    ];
    for (const [path, field] of cases) {
      const res = await api.get(path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 400, "VALIDATION_FAILED"]);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });

  it("403 without finance.report.read", async () => {
    const org = t.organization();
    const api = t.api(t.token(org.id, [permissions.invoiceRead, permissions.paymentRead]));
    const res = await api.get("/reports/aging?type=payable&asOf=2026-03-31");
    expect([res.status, res.body.error.code]).toEqual([403, "FORBIDDEN"]);
  });
});

describe("GET /customers/{id}/statement, /suppliers/{id}/statement", () => {
  it("lists the party's movements on its receivable account with the running balance between the opening and closing balances", async () => {
    const org = t.organization();
    const a = await accountsOf(t, org.api);
    const customer = await party(org.id, "customer", "C-STMT");
    const other = await party(org.id, "customer", "C-OTHER");
    const owes = (amount: string, who = customer) => debit(a.receivable, amount, { party: { type: "customer", id: who } });
    const pays = (amount: string, who = customer) => credit(a.receivable, amount, { party: { type: "customer", id: who } });
    await post(org.api, { date: "2026-01-10", memo: "Opening invoice", lines: [owes("500.00"), credit(a.sales, "500.00")] });
    await post(org.api, { date: "2026-02-05", memo: "Sale", lines: [owes("300.00"), credit(a.sales, "300.00")] });
    await post(org.api, { date: "2026-02-06", lines: [owes("999.00", other), credit(a.sales, "999.00")] });
    await post(org.api, { date: "2026-02-20", memo: "Paid", lines: [debit(a.bank, "650.00"), pays("650.00")] });
    await post(org.api, { date: "2026-04-01", lines: [owes("10.00"), credit(a.sales, "10.00")] });

    const statement = await ok(org.api, `/customers/${customer}/statement?from=2026-02-01&to=2026-03-31`);
    expect(statement).toMatchObject({
      party: { type: "customer", id: customer, code: "C-STMT", name: "C-STMT Trading", currency: "EUR" },
      from: "2026-02-01",
      to: "2026-03-31",
      currency: "EUR",
      openingBalance: "500.00",
      closingBalance: "150.00",
    });
    expect(statement.lines.map((l: Record<string, string>) => [l.date, l.type, l.description, l.currency, l.currencyAmount, l.amount, l.balance])).toEqual([
      ["2026-02-05", "journal", "Sale", "EUR", "300.00", "300.00", "800.00"],
      ["2026-02-20", "journal", "Paid", "EUR", "-650.00", "-650.00", "150.00"],
    ]);

    const csv = await org.api.get(`/customers/${customer}/statement?from=2026-02-01&to=2026-03-31&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe("Date,Type,Number,Entry,Due date,Description,Line currency,Amount in line currency,Amount,Balance,Currency");
    expect(lines[1]).toBe("2026-02-01,,,,,Opening balance,,,,500.00,EUR");
    expect(lines.at(-1)).toBe("2026-03-31,,,,,Closing balance,,,,150.00,EUR");
    expect(lines).toHaveLength(5);
  });

  it("a supplier's statement shows what the organization owes it as positive", async () => {
    const org = t.organization();
    const a = await accountsOf(t, org.api);
    const supplier = await party(org.id, "supplier", "S-1");
    const onPayable = { party: { type: "supplier", id: supplier } };
    await post(org.api, { date: "2026-03-01", memo: "Bill", lines: [debit(a.rent, "800.00"), credit(a.payable, "800.00", onPayable)] });
    await post(org.api, { date: "2026-03-15", memo: "Paid", lines: [debit(a.payable, "300.00", onPayable), credit(a.bank, "300.00")] });
    const statement = await ok(org.api, `/suppliers/${supplier}/statement?from=2026-03-01&to=2026-03-31`);
    expect([statement.openingBalance, statement.lines.map((l: { amount: string; balance: string }) => [l.amount, l.balance]), statement.closingBalance]).toEqual([
      "0.00",
      [
        ["800.00", "800.00"],
        ["-300.00", "500.00"],
      ],
      "500.00",
    ]);
  });

  it("404 for a party finance does not know, another organization's, or a customer asked for as a supplier", async () => {
    const org = t.organization();
    const other = t.organization();
    const theirs = await party(other.id, "customer", "C-THEIRS");
    const mine = await party(org.id, "customer", "C-MINE");
    for (const path of [`/customers/${randomUUID()}/statement`, `/customers/${theirs}/statement`, `/suppliers/${mine}/statement`]) {
      const res = await org.api.get(`${path}?from=2026-01-01&to=2026-12-31`);
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, "NOT_FOUND"]);
    }
  });

  it("400 with details for dates out of order, a missing date, an id that is not a uuid; 403 without finance.report.read", async () => {
    const org = t.organization();
    const customer = await party(org.id, "customer", "C-400");
    const cases: [string, string][] = [
      [`/customers/${customer}/statement?from=2026-03-01&to=2026-02-28`, "to"],
      [`/customers/${customer}/statement?to=2026-02-28`, "from"],
      [`/customers/C-400/statement?from=2026-01-01&to=2026-02-28`, "id"],
    ];
    for (const [path, field] of cases) {
      const res = await org.api.get(path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 400, "VALIDATION_FAILED"]);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    const viewer = t.api(t.token(org.id, [permissions.invoiceRead]));
    expect((await viewer.get(`/customers/${customer}/statement?from=2026-01-01&to=2026-02-28`)).status).toBe(403);
  });
});
