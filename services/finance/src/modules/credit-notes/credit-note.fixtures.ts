/**
 * What the credit notes' and printed invoices' tests start from: a customer in finance's read
 * model (as master-data's created event leaves it), issued invoices made through the API, and the
 * receivable invariant they check after every step.
 */
import { inTransaction, uuidv7 } from "@erp/db";
import { Decimal } from "@erp/money";
import type { FinanceTestApp } from "../../../test/harness";
import { asService } from "../../events";
import type { PartyAddress } from "../parties/party-read-model";
import { partyReadRepository } from "../parties/party.repository";

export type TestOrganization = ReturnType<FinanceTestApp["organization"]>;

/** A customer named "Globex Trading GmbH" (Berlin, tax id DE123456789) unless told, in `currency` (EUR). */
export async function customer(
  t: FinanceTestApp,
  org: TestOrganization,
  input: { legalName?: string; currency?: string; id?: string; billingAddress?: PartyAddress } = {},
): Promise<string> {
  // `id` of a customer made before: master-data's update of it (its snapshot as given).
  const id = input.id ?? uuidv7();
  const scope = asService(org.id);
  await inTransaction(t.db, scope, (tx) =>
    partyReadRepository(tx).upsertParty(scope.organizationId, {
      kind: "customer",
      id,
      occurredAt: new Date().toISOString(),
      snapshot: {
        code: `CUS-${id.slice(-6)}`,
        legalName: input.legalName ?? "Globex Trading GmbH",
        displayName: input.legalName ?? "Globex",
        taxId: "DE123456789",
        email: null,
        billingAddress: input.billingAddress ?? { line1: "Hauptstrasse 5", line2: null, city: "Berlin", region: null, postalCode: "10115", country: "DE" },
        paymentTermsDays: 30,
        currency: input.currency ?? "EUR",
        creditLimit: null,
        status: "active",
      },
    }),
  );
  return id;
}

export interface InvoiceLine {
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent?: string;
  taxRateId?: string;
}

export interface TestInvoice {
  id: string;
  number: string | null;
  total: string;
  lines: { id: string; description: string; quantity: string }[];
}

/** A draft invoice of `lines` through POST /invoices, issued through POST /invoices/{id}/issue unless `draft`. */
export async function invoice(
  org: TestOrganization,
  input: { customerId: string; lines: InvoiceLine[]; currency?: string; exchangeRate?: string; issueDate?: string; draft?: boolean },
): Promise<TestInvoice> {
  const draft = await org.api.post("/invoices", {
    customerId: input.customerId,
    issueDate: input.issueDate ?? "2026-11-02",
    ...(input.currency ? { currency: input.currency } : {}),
    lines: input.lines,
  });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
  if (input.draft) return draft.body.data as TestInvoice;
  const issued = await org.api.post(`/invoices/${draft.body.data.id}/issue`, input.exchangeRate ? { exchangeRate: input.exchangeRate } : {});
  if (issued.status !== 200) throw new Error(`issue: ${issued.status} ${JSON.stringify(issued.body)}`);
  return issued.body.data as TestInvoice;
}

/** The organization's sales tax rate "VAT <rate>%", made on first use. */
export async function salesTaxRate(org: TestOrganization, rate = "20"): Promise<string> {
  const name = `VAT ${rate}%`;
  const existing = (await org.api.get("/tax-rates")).body.data?.find((taxRate: { name: string }) => taxRate.name === name);
  if (existing) return existing.id as string;
  const res = await org.api.post("/tax-rates", { name, rate, appliesTo: "sales" });
  if (res.status !== 201) throw new Error(`tax rate: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id as string;
}

/**
 * The receivable invariant in the base currency: the receivable account's (1200) balance in the
 * trial balance beside Σ open invoices' base amount due − Σ credit notes' unapplied base − Σ
 * payments' unallocated base; and whether the trial balance balances.
 */
export async function receivableLedger(t: FinanceTestApp, org: TestOrganization) {
  const res = await org.api.get("/reports/trial-balance?asOf=2026-12-31");
  if (res.status !== 200) throw new Error(`trial balance: ${res.status} ${JSON.stringify(res.body)}`);
  const report = res.body.data as { rows: { code: string; closing: string }[]; totals: { debit: string; credit: string } };
  const { rows } = await t.owner.query<{ invoices: string; credits: string; payments: string }>(
    `SELECT
       (SELECT coalesce(sum(base_amount_due), 0) FROM finance.documents
          WHERE organization_id = $1 AND kind = 'invoice' AND status IN ('issued', 'partially_paid', 'paid'))::text AS invoices,
       (SELECT coalesce(sum(base_amount_due), 0) FROM finance.documents
          WHERE organization_id = $1 AND kind = 'credit_note' AND status IN ('issued', 'paid'))::text AS credits,
       (SELECT coalesce(sum(p.base_amount - coalesce((SELECT sum(al.base_amount + al.base_difference) FROM finance.allocations al
                                                        WHERE al.payment_id = p.id AND al.voided_at IS NULL), 0)), 0)
          FROM finance.payments p WHERE p.organization_id = $1 AND p.status = 'posted' AND p.direction = 'received')::text AS payments`,
    [org.id],
  );
  const row = rows[0]!;
  return {
    balanced: report.totals.debit === report.totals.credit,
    balance: new Decimal(report.rows.find((r) => r.code === "1200")?.closing ?? "0").toFixed(2),
    expected: new Decimal(row.invoices).minus(row.credits).minus(row.payments).toFixed(2),
  };
}
