/**
 * What the payments' tests start from: an organization whose ledger is set up, customers and
 * suppliers in finance's read model, issued invoices and approved bills (through the documents'
 * API), and the ledger figures the tests compare.
 */
import { Decimal } from "@erp/money";
import type { FinanceTestApp } from "../../../test/harness";
import { partyFixture, postedFixture } from "../documents/document-fixtures";
import type { LedgerProfile } from "../ledger/organization-directory";

export type TestOrganization = ReturnType<FinanceTestApp["organization"]>;

/** A new organization with its ledger set up (its first request does it). */
export async function organizationWithLedger(t: FinanceTestApp, profile?: LedgerProfile): Promise<TestOrganization> {
  const org = t.organization(profile);
  const res = await org.api.get("/accounts?limit=1");
  if (res.status !== 200) throw new Error(`ledger set-up: ${res.status} ${JSON.stringify(res.body)}`);
  return org;
}

/** A customer or supplier as master-data's event would have made it (`archived`: archived); its id. */
export function party(t: FinanceTestApp, org: TestOrganization, input: { kind: "customer" | "supplier"; currency?: string; archived?: boolean }) {
  return partyFixture(t, org.id, input.kind, { currency: input.currency ?? "EUR", status: input.archived ? "archived" : "active" });
}

export interface IssuedDocumentInput {
  kind: "invoice" | "bill";
  partyId: string;
  /** One line of this price, no tax. */
  total: string;
  /** The party's currency by default. */
  currency?: string;
  /** Base currency per one unit; the organization's own by default. */
  exchangeRate?: string;
  issueDate?: string;
}

/** An invoice issued (a bill approved) of `total` through the API. */
export async function issuedDocument(org: TestOrganization, input: IssuedDocumentInput): Promise<{ id: string; number: string }> {
  const invoice = input.kind === "invoice";
  const document = await postedFixture(
    org.api,
    invoice ? "/invoices" : "/bills",
    {
      [invoice ? "customerId" : "supplierId"]: input.partyId,
      issueDate: input.issueDate ?? "2026-03-01",
      ...(input.currency ? { currency: input.currency } : {}),
      lines: [{ description: "Goods", quantity: "1", unitPrice: input.total }],
    },
    input.exchangeRate ? { exchangeRate: input.exchangeRate } : {},
  );
  return { id: document.id, number: document.number! };
}

/** A document's settlement figures, as decimal strings. */
export async function documentState(t: FinanceTestApp, id: string) {
  const { rows } = await t.owner.query<{ status: string; amount_paid: string; amount_due: string; base_amount_due: string }>(
    "SELECT status, amount_paid::text, amount_due::text, base_amount_due::text FROM finance.documents WHERE id = $1",
    [id],
  );
  const row = rows[0]!;
  return { status: row.status, amountPaid: new Decimal(row.amount_paid), amountDue: new Decimal(row.amount_due), baseAmountDue: new Decimal(row.base_amount_due) };
}

/**
 * The receivable (payable) invariant, in the base currency: the account's closing balance in the
 * trial balance (a credit balance positive for payable) beside Σ open documents' base amount due −
 * Σ posted payments' unallocated base; and whether the trial balance balances.
 */
export async function partyLedger(t: FinanceTestApp, org: TestOrganization, subtype: "receivable" | "payable") {
  const res = await org.api.get("/reports/trial-balance?asOf=2026-12-31");
  if (res.status !== 200) throw new Error(`trial balance: ${res.status} ${JSON.stringify(res.body)}`);
  const report = res.body.data as { rows: { code: string; closing: string }[]; totals: { debit: string; credit: string } };
  const closing = report.rows.find((row) => row.code === (subtype === "receivable" ? "1200" : "2110"))?.closing ?? "0";
  const { rows } = await t.owner.query<{ open: string; credit: string }>(
    `SELECT
       (SELECT coalesce(sum(base_amount_due), 0) FROM finance.documents
          WHERE organization_id = $1 AND kind = $2::finance.document_kind AND status IN ('issued', 'approved', 'partially_paid', 'paid'))::text AS open,
       (SELECT coalesce(sum(p.base_amount - coalesce((SELECT sum(CASE WHEN p.direction = 'received' THEN al.base_amount + al.base_difference
                                                                      ELSE al.base_amount - al.base_difference END)
                                                          FROM finance.allocations al WHERE al.payment_id = p.id AND al.voided_at IS NULL), 0)), 0)
          FROM finance.payments p WHERE p.organization_id = $1 AND p.status = 'posted' AND p.party_type = $3::finance.party_type)::text AS credit`,
    [org.id, subtype === "receivable" ? "invoice" : "bill", subtype === "receivable" ? "customer" : "supplier"],
  );
  const row = rows[0]!;
  return {
    balanced: report.totals.debit === report.totals.credit,
    balance: new Decimal(closing).times(subtype === "receivable" ? 1 : -1).toFixed(2),
    expected: new Decimal(row.open).minus(row.credit).toFixed(2),
  };
}
