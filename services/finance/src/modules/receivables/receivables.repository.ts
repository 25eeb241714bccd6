/**
 * The receivables and payables reports' reads. The aging is rebuilt as of a date from the
 * documents, payments and allocations, each counted by the date of the journal entry that moved
 * the ledger (so it sums to the receivable or payable account's balance on any date); the
 * statement reads the party's own lines of the ledger. Organization id first.
 */
import { Decimal } from "@erp/money";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import type { PartyKind } from "../parties/party-read-model";

/** An open document or an unallocated credit of a party at a date, in its currency and in the base currency. */
export interface OpenItemRow {
  kind: "invoice" | "bill" | "credit_note" | "payment";
  id: string;
  partyId: string;
  number: string;
  date: string;
  dueDate: string | null;
  currency: string;
  total: Decimal;
  /** Still open at the date, in `currency` (a credit's unallocated amount, positive). */
  open: Decimal;
  /** The same at the document's (payment's) rate, as the ledger holds it. */
  baseOpen: Decimal;
}

/** A party's movement on its receivable (payable) accounts: one journal entry's lines in one currency. */
export interface PartyMovementRow {
  date: string;
  entryId: string;
  entryNumber: string;
  sourceType: string | null;
  sourceId: string | null;
  memo: string | null;
  number: string | null;
  dueDate: string | null;
  currency: string;
  /** Debit − credit in the line currency and in the base currency. */
  amount: Decimal;
  baseAmount: Decimal;
}

const DOCUMENT_SOURCES = ["invoice", "credit_note", "bill", "invoice_void", "credit_note_void", "bill_void"];
const PAYMENT_SOURCES = ["payment", "payment_void"];

export function receivablesRepository(tx: Tx) {
  return {
    /**
     * Every document of `partyType` still open at the end of `asOf`, and every credit (payment,
     * credit note) not yet allocated then. A document, credit note or payment counts from its
     * entry's date until its void entry's date; an allocation from its date until its payment's void
     * entry's date (its own void time when it has no voided payment), and only while its document
     * (and its credit note) is not voided; an exchange difference from its
     * entry's date until that entry is reversed or its allocation voided. Items whose open amount and
     * open base are both 0 are left out.
     */
    openItems: async (organizationId: OrganizationId, query: { partyType: PartyKind; asOf: string; partyId?: string }): Promise<OpenItemRow[]> => {
      const { partyType, asOf } = query;
      const documentKind = partyType === "customer" ? "invoice" : "bill";
      const direction = partyType === "customer" ? "received" : "made";
      // base_difference is a gain when positive: money received gave that much more base than the
      // document lost, money paid that much less (the payment side is base_amount ∓ base_difference).
      const differenceSign = partyType === "customer" ? 1 : -1;
      const onlyParty = (column: Prisma.Sql) => (query.partyId ? Prisma.sql`AND ${column} = ${query.partyId}::uuid` : Prisma.empty);
      const rows = await tx.$queryRaw<
        {
          kind: OpenItemRow["kind"];
          id: string;
          party_id: string;
          number: string;
          date: string;
          due_date: string | null;
          currency: string;
          total: string;
          open: string;
          base_open: string;
        }[]
      >`
        WITH live_allocations AS (
          SELECT a.id, a.document_id, coalesce(a.payment_id, a.credit_note_id) AS source_id, a.amount, a.source_amount, a.base_amount,
                 a.base_difference, a.fx_entry_id
          FROM allocations a
          LEFT JOIN payments p ON p.organization_id = a.organization_id AND p.id = a.payment_id
          LEFT JOIN journal_entries pv ON pv.organization_id = a.organization_id AND pv.id = p.void_entry_id
          WHERE a.organization_id = ${organizationId}::uuid AND a.allocation_date <= ${asOf}::date
            AND (a.voided_at IS NULL OR coalesce(pv.entry_date, a.voided_at::date) > ${asOf}::date)
        ),
        -- An allocation settles its document and spends its source only while both are live: a
        -- document voided on a date before its allocations ended (the void dated back, the payment's
        -- void later) leaves the payment's money unallocated from that date, as the ledger has it.
        -- Its exchange difference stays until its own entry is reversed (live_differences).
        counted_allocations AS (
          SELECT la.*
          FROM live_allocations la
          JOIN documents d ON d.organization_id = ${organizationId}::uuid AND d.id = la.document_id
          LEFT JOIN journal_entries dv ON dv.organization_id = d.organization_id AND dv.id = d.void_entry_id
          LEFT JOIN documents c ON c.organization_id = ${organizationId}::uuid AND c.id = la.source_id
          LEFT JOIN journal_entries cv ON cv.organization_id = c.organization_id AND cv.id = c.void_entry_id
          WHERE (dv.id IS NULL OR dv.entry_date > ${asOf}::date) AND (cv.id IS NULL OR cv.entry_date > ${asOf}::date)
        ),
        live_differences AS (
          SELECT la.source_id, ${differenceSign}::int * la.base_difference AS base_difference
          FROM live_allocations la
          JOIN journal_entries f ON f.organization_id = ${organizationId}::uuid AND f.id = la.fx_entry_id
          LEFT JOIN journal_entries r ON r.organization_id = f.organization_id AND r.reversal_of_entry_id = f.id AND r.status = 'posted'
          WHERE f.entry_date <= ${asOf}::date AND (r.id IS NULL OR r.entry_date > ${asOf}::date)
        ),
        settled AS (
          SELECT document_id, sum(amount) AS amount, sum(base_amount) AS base FROM counted_allocations GROUP BY document_id
        ),
        spent AS (
          SELECT source_id, sum(source_amount) AS amount, sum(base_amount) AS base FROM counted_allocations GROUP BY source_id
        ),
        differences AS (
          SELECT source_id, sum(base_difference) AS base FROM live_differences GROUP BY source_id
        ),
        -- Invoices (bills) are what allocations settle; credit notes and payments what they spend.
        sources AS (
          SELECT d.kind::text AS kind, d.id, d.party_id, d.number, d.issue_date AS date,
                 CASE WHEN d.kind <> 'credit_note' THEN d.due_date END AS due_date, d.currency, d.total, d.base_total AS base,
                 d.journal_entry_id, d.void_entry_id
          FROM documents d
          WHERE d.organization_id = ${organizationId}::uuid AND d.party_type = ${partyType}::party_type
            AND d.kind IN (${documentKind}::document_kind, 'credit_note') ${onlyParty(Prisma.sql`d.party_id`)}
          UNION ALL
          SELECT 'payment', p.id, p.party_id, p.number, p.payment_date, NULL, p.currency, p.amount, p.base_amount, p.journal_entry_id, p.void_entry_id
          FROM payments p
          WHERE p.organization_id = ${organizationId}::uuid AND p.direction = ${direction}::payment_direction ${onlyParty(Prisma.sql`p.party_id`)}
        ),
        items AS (
          SELECT i.kind, i.id, i.party_id, i.number, i.date, i.due_date, i.currency, i.total,
                 i.total - coalesce(s.amount, 0) - coalesce(u.amount, 0) AS open,
                 i.base - coalesce(s.base, 0) - coalesce(u.base, 0) - coalesce(x.base, 0) AS base_open
          FROM sources i
          JOIN journal_entries e ON e.organization_id = ${organizationId}::uuid AND e.id = i.journal_entry_id
          LEFT JOIN journal_entries v ON v.organization_id = ${organizationId}::uuid AND v.id = i.void_entry_id
          LEFT JOIN settled s ON s.document_id = i.id
          LEFT JOIN spent u ON u.source_id = i.id
          LEFT JOIN differences x ON x.source_id = i.id
          WHERE e.entry_date <= ${asOf}::date AND (v.id IS NULL OR v.entry_date > ${asOf}::date)
        )
        SELECT kind, id::text AS id, party_id::text AS party_id, number, to_char(date, 'YYYY-MM-DD') AS date,
               to_char(due_date, 'YYYY-MM-DD') AS due_date, currency, total::text AS total, open::text AS open, base_open::text AS base_open
        FROM items
        WHERE open <> 0 OR base_open <> 0
        ORDER BY date, number, id`;
      return rows.map((row) => ({
        kind: row.kind,
        id: row.id,
        partyId: row.party_id,
        number: row.number,
        date: row.date,
        dueDate: row.due_date,
        currency: row.currency,
        total: new Decimal(row.total),
        open: new Decimal(row.open),
        baseOpen: new Decimal(row.base_open),
      }));
    },

    /** Code and name of each of `ids` finance's read model knows (archived ones included). */
    partyNames: async (organizationId: OrganizationId, kind: PartyKind, ids: string[]): Promise<Map<string, { code: string; name: string }>> => {
      if (ids.length === 0) return new Map();
      const rows = await tx.party.findMany({ where: { organizationId, kind, id: { in: ids } }, select: { id: true, code: true, displayName: true } });
      return new Map(rows.map((row) => [row.id, { code: row.code, name: row.displayName }]));
    },

    findParty: (organizationId: OrganizationId, kind: PartyKind, id: string) =>
      tx.party.findFirst({ where: { organizationId, kind, id }, select: { id: true, code: true, displayName: true, currency: true } }),

    /** The party's balance (debit − credit, base currency) on its `subtype` accounts at the end of `before`. */
    partyBalanceBefore: async (organizationId: OrganizationId, query: { party: { kind: PartyKind; id: string }; subtype: "receivable" | "payable"; before: string }): Promise<Decimal> => {
      const [row] = await tx.$queryRaw<{ balance: string | null }[]>`
        SELECT sum(l.base_debit - l.base_credit)::text AS balance
        FROM journal_lines l
        JOIN accounts a ON a.organization_id = l.organization_id AND a.id = l.account_id
        JOIN journal_entries e ON e.organization_id = l.organization_id AND e.id = l.entry_id
        WHERE l.organization_id = ${organizationId}::uuid AND l.party_id = ${query.party.id}::uuid AND l.party_type = ${query.party.kind}::party_type
          AND a.subtype = ${query.subtype}::account_subtype AND e.status = 'posted' AND l.entry_date < ${query.before}::date`;
      return new Decimal(row?.balance ?? 0);
    },

    /**
     * The party's movements on its `subtype` accounts from `from` through `to`, one per entry and
     * line currency, in ledger order, with the document or payment the entry posted.
     */
    partyMovements: async (
      organizationId: OrganizationId,
      query: { party: { kind: PartyKind; id: string }; subtype: "receivable" | "payable"; from: string; to: string },
    ): Promise<PartyMovementRow[]> => {
      const rows = await tx.$queryRaw<
        {
          date: string;
          entry_id: string;
          entry_number: string;
          source_type: string | null;
          source_id: string | null;
          memo: string | null;
          number: string | null;
          due_date: string | null;
          currency: string;
          amount: string;
          base_amount: string;
        }[]
      >`
        WITH moves AS (
          SELECT l.entry_id, l.entry_date, l.currency, sum(l.debit - l.credit) AS amount, sum(l.base_debit - l.base_credit) AS base_amount
          FROM journal_lines l
          JOIN accounts a ON a.organization_id = l.organization_id AND a.id = l.account_id
          WHERE l.organization_id = ${organizationId}::uuid AND l.party_id = ${query.party.id}::uuid AND l.party_type = ${query.party.kind}::party_type
            AND a.subtype = ${query.subtype}::account_subtype AND l.entry_date BETWEEN ${query.from}::date AND ${query.to}::date
          GROUP BY l.entry_id, l.entry_date, l.currency
        ),
        -- A reversal (reverseEntry) has no source of its own: it is the void of its original's.
        sourced AS (
          SELECT m.*, e.number AS entry_number, e.chain_position, e.memo,
                 coalesce(e.source_type, o.source_type || '_void') AS source_type, coalesce(e.source_id, o.source_id) AS source_id
          FROM moves m
          JOIN journal_entries e ON e.organization_id = ${organizationId}::uuid AND e.id = m.entry_id AND e.status = 'posted'
          LEFT JOIN journal_entries o ON o.organization_id = e.organization_id AND o.id = e.reversal_of_entry_id
        )
        SELECT to_char(s.entry_date, 'YYYY-MM-DD') AS date, s.entry_id::text AS entry_id, s.entry_number, s.source_type, s.source_id,
               s.memo, coalesce(d.number, p.number, ad.number) AS number,
               CASE WHEN s.source_type IN ('invoice', 'bill') THEN to_char(d.due_date, 'YYYY-MM-DD') END AS due_date,
               s.currency, s.amount::text AS amount, s.base_amount::text AS base_amount
        FROM sourced s
        LEFT JOIN documents d ON d.organization_id = ${organizationId}::uuid
          AND d.id = CASE WHEN s.source_type IN (${Prisma.join(DOCUMENT_SOURCES)}) THEN s.source_id::uuid END
        LEFT JOIN payments p ON p.organization_id = ${organizationId}::uuid
          AND p.id = CASE WHEN s.source_type IN (${Prisma.join(PAYMENT_SOURCES)}) THEN s.source_id::uuid END
        LEFT JOIN allocations al ON al.organization_id = ${organizationId}::uuid
          AND al.id = CASE WHEN s.source_type IN ('allocation_fx', 'allocation_fx_void') THEN s.source_id::uuid END
        LEFT JOIN documents ad ON ad.organization_id = al.organization_id AND ad.id = al.document_id
        ORDER BY s.entry_date, s.chain_position, s.currency`;
      return rows.map((row) => ({
        date: row.date,
        entryId: row.entry_id,
        entryNumber: row.entry_number,
        sourceType: row.source_type,
        sourceId: row.source_id,
        memo: row.memo,
        number: row.number,
        dueDate: row.due_date,
        currency: row.currency,
        amount: new Decimal(row.amount),
        baseAmount: new Decimal(row.base_amount),
      }));
    },
  };
}
