/**
 * What the payments' tests start from: an organization whose ledger is set up, customers and
 * suppliers in finance's read model, issued invoices and approved bills (posted as the documents
 * module posts them: the receivable or payable at the document's rate, base_total read back from
 * the posted line), and the ledger figures the tests compare.
 */
import { inTransaction, uuidv7 } from "@erp/db";
import { Decimal } from "@erp/money";
import { organizationIdOf } from "@erp/scope";
import type { FinanceTestApp } from "../../../test/harness";
import type { Tx } from "../../db";
import { asService } from "../../events";
import { accountRepository } from "../accounts/account.repository";
import { nextDocumentNumber } from "../documents/document-numbers";
import { dayOf } from "../journal/journal.schemas";
import { postEntryOnce } from "../journal/post-entry";
import type { LedgerProfile } from "../ledger/organization-directory";

export type TestOrganization = ReturnType<FinanceTestApp["organization"]>;

/** A new organization with its ledger set up (its first request does it). */
export async function organizationWithLedger(t: FinanceTestApp, profile?: LedgerProfile): Promise<TestOrganization> {
  const org = t.organization(profile);
  const res = await org.api.get("/accounts?limit=1");
  if (res.status !== 200) throw new Error(`ledger set-up: ${res.status} ${JSON.stringify(res.body)}`);
  return org;
}

const inOrganization = <T>(t: FinanceTestApp, org: TestOrganization, fn: (tx: Tx) => Promise<T>) => inTransaction(t.db, asService(org.id), fn);

/** A customer or supplier as master-data's event would have made it (`archived`: archived). */
export async function party(t: FinanceTestApp, org: TestOrganization, input: { kind: "customer" | "supplier"; currency?: string; archived?: boolean }) {
  const id = uuidv7();
  const code = `${input.kind === "customer" ? "CUS" : "SUP"}-${id.slice(-6)}`;
  await inOrganization(t, org, async (tx) => {
    await tx.$executeRaw`
      INSERT INTO parties (organization_id, kind, id, code, display_name, legal_name, payment_terms_days, currency, archived_at, source_event_at)
      VALUES (${org.id}::uuid, ${input.kind}::party_type, ${id}::uuid, ${code}, ${`Party ${code}`}, ${`Party ${code} Ltd`}, 30,
        ${input.currency ?? "EUR"}, ${input.archived ? new Date() : null}, now())`;
  });
  return id;
}

export interface IssuedDocumentInput {
  kind: "invoice" | "bill";
  partyId: string;
  total: string;
  currency?: string;
  /** Base currency per one unit; "1" by default. */
  exchangeRate?: string;
  issueDate?: string;
}

/**
 * An issued invoice (approved bill) of `total`: numbered, posted (receivable debit / sales credit,
 * or expense debit / payable credit) at its rate, base amount due as posted.
 */
export async function issuedDocument(t: FinanceTestApp, org: TestOrganization, input: IssuedDocumentInput): Promise<{ id: string; number: string }> {
  const scope = asService(org.id);
  const organizationId = organizationIdOf(org.id);
  const currency = input.currency ?? "EUR";
  const exchangeRate = input.exchangeRate ?? "1";
  const issueDate = input.issueDate ?? "2026-03-01";
  const invoice = input.kind === "invoice";
  return inOrganization(t, org, async (tx) => {
    const accounts = accountRepository(tx);
    const partyAccount = (await accounts.firstOfSubtype(organizationId, invoice ? "receivable" : "payable"))!;
    const other = (await accounts.firstOfSubtype(organizationId, invoice ? "sales" : "operating_expense"))!;
    const { number, sequence } = await nextDocumentNumber(tx, organizationId, invoice ? "INV" : "BILL", Number(issueDate.slice(0, 4)));
    const id = uuidv7();
    const partyLine = { accountId: partyAccount.id, currency, exchangeRate, party: { type: invoice ? ("customer" as const) : ("supplier" as const), id: input.partyId } };
    const otherLine = { accountId: other.id, currency, exchangeRate };
    const { entry } = await postEntryOnce(tx, scope, {
      date: issueDate,
      memo: number,
      source: { type: input.kind, id },
      lines: invoice
        ? [{ ...partyLine, debit: input.total }, { ...otherLine, credit: input.total }]
        : [{ ...otherLine, debit: input.total }, { ...partyLine, credit: input.total }],
    });
    const line = entry.lines.find((l) => l.accountId === partyAccount.id)!;
    const baseTotal = invoice ? line.baseDebit : line.baseCredit;
    await tx.document.create({
      data: {
        id,
        organizationId,
        kind: input.kind,
        status: invoice ? "issued" : "approved",
        number,
        fiscalYear: Number(issueDate.slice(0, 4)),
        sequence,
        partyType: invoice ? "customer" : "supplier",
        partyId: input.partyId,
        issueDate: dayOf(issueDate),
        dueDate: dayOf(issueDate),
        currency,
        exchangeRate,
        subtotal: input.total,
        total: input.total,
        amountDue: input.total,
        baseTotal,
        baseAmountDue: baseTotal,
        journalEntryId: entry.id,
        issuedAt: new Date(),
        issuedBy: scope.actor.id,
        createdBy: scope.actor.id,
      },
    });
    return { id, number };
  });
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
