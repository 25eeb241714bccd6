/** Queries of bank statements, their lines and the bank account's ledger lines; the organization id comes first and is part of every filter. */
import { Decimal } from "@erp/money";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";

/** A posted ledger line of a bank account's posting account, signed like a statement (debit: money in, positive). */
export interface BankLedgerLine {
  id: string;
  entryId: string;
  entryNumber: string | null;
  date: Date;
  amount: Decimal;
  memo: string | null;
  reference: string | null;
  sourceType: string | null;
  sourceId: string | null;
  matched: boolean;
}

interface BankLedgerLineRow {
  id: string;
  entry_id: string;
  number: string | null;
  entry_date: Date;
  amount: string;
  memo: string | null;
  reference: string | null;
  source_type: string | null;
  source_id: string | null;
  matched: boolean;
}

const toLedgerLine = (row: BankLedgerLineRow): BankLedgerLine => ({
  id: row.id,
  entryId: row.entry_id,
  entryNumber: row.number,
  date: row.entry_date,
  amount: new Decimal(row.amount),
  memo: row.memo,
  reference: row.reference,
  sourceType: row.source_type,
  sourceId: row.source_id,
  matched: row.matched,
});

export function statementRepository(tx: Tx) {
  return {
    createStatement: (organizationId: OrganizationId, data: Omit<Prisma.BankStatementUncheckedCreateInput, "organizationId">) =>
      tx.bankStatement.create({ data: { ...data, organizationId } }),

    createLines: (organizationId: OrganizationId, lines: Omit<Prisma.BankStatementLineCreateManyInput, "organizationId">[]) =>
      tx.bankStatementLine.createMany({ data: lines.map((line) => ({ ...line, organizationId })) }),

    findStatement: (organizationId: OrganizationId, bankAccountId: string, id: string) =>
      tx.bankStatement.findFirst({ where: { organizationId, bankAccountId, id }, include: { lines: { orderBy: { lineNumber: "asc" } } } }),

    /** A statement of the bank account sharing a day with from..to (both included), or null. */
    overlapping: (organizationId: OrganizationId, bankAccountId: string, from: Date, to: Date) =>
      tx.bankStatement.findFirst({ where: { organizationId, bankAccountId, fromDate: { lte: to }, toDate: { gte: from } }, orderBy: { fromDate: "asc" } }),

    /** The statement that ends last before `date` (the one a statement starting on `date` follows), whenever it was imported. */
    statementBefore: (organizationId: OrganizationId, bankAccountId: string, date: Date) =>
      tx.bankStatement.findFirst({ where: { organizationId, bankAccountId, toDate: { lt: date } }, orderBy: [{ toDate: "desc" }, { createdAt: "desc" }] }),

    listStatements: (organizationId: OrganizationId, bankAccountId: string) =>
      tx.bankStatement.findMany({ where: { organizationId, bankAccountId }, orderBy: [{ toDate: "desc" }, { createdAt: "desc" }], include: { lines: { orderBy: { lineNumber: "asc" } } } }),

    unmatchedLines: (organizationId: OrganizationId, bankAccountId: string) =>
      tx.bankStatementLine.findMany({ where: { organizationId, bankAccountId, journalLineId: null }, orderBy: [{ lineDate: "asc" }, { lineNumber: "asc" }] }),

    /** The statement lines `ids` of the bank account, locked FOR UPDATE in id order until the transaction ends. */
    lockLines: async (organizationId: OrganizationId, bankAccountId: string, ids: string[]) => {
      await tx.$queryRaw`
        SELECT id FROM bank_statement_lines
         WHERE organization_id = ${organizationId}::uuid AND bank_account_id = ${bankAccountId}::uuid AND id = ANY(${ids}::uuid[])
         ORDER BY id FOR UPDATE`;
      return tx.bankStatementLine.findMany({ where: { organizationId, bankAccountId, id: { in: ids } } });
    },

    match: (organizationId: OrganizationId, id: string, journalLineId: string, matchedBy: string) =>
      tx.bankStatementLine.updateMany({ where: { organizationId, id, journalLineId: null }, data: { journalLineId, matchedAt: new Date(), matchedBy } }),

    /** The ledger balance of `accountId` from entries dated before `date`, in the account's currency. */
    balanceBefore: async (organizationId: OrganizationId, accountId: string, date: Date): Promise<Decimal> => {
      const [row] = await tx.$queryRaw<{ balance: string }[]>`
        SELECT coalesce(sum(l.debit - l.credit), 0)::text AS balance
          FROM journal_lines l JOIN journal_entries e ON e.organization_id = l.organization_id AND e.id = l.entry_id
         WHERE l.organization_id = ${organizationId}::uuid AND l.account_id = ${accountId}::uuid AND e.status = 'posted' AND l.entry_date < ${date}`;
      return new Decimal(row?.balance ?? 0);
    },

    /**
     * Posted lines of `accountId` (by id, or dated from..to and not reconciled), leaving out
     * entries reversed and reversals either way (a voided payment's two entries cancel out, neither is on the statement).
     */
    ledgerLines: async (organizationId: OrganizationId, accountId: string, filter: { ids: string[] } | { from: Date; to: Date }): Promise<BankLedgerLine[]> => {
      const byIds = "ids" in filter;
      const rows = await tx.$queryRaw<BankLedgerLineRow[]>`
        SELECT l.id, l.entry_id, e.number, l.entry_date, (l.debit - l.credit)::text AS amount, e.memo, e.reference, e.source_type, e.source_id,
               EXISTS (SELECT 1 FROM bank_statement_lines s WHERE s.journal_line_id = l.id) AS matched
          FROM journal_lines l JOIN journal_entries e ON e.organization_id = l.organization_id AND e.id = l.entry_id
         WHERE l.organization_id = ${organizationId}::uuid AND l.account_id = ${accountId}::uuid AND e.status = 'posted'
           AND e.reversal_of_entry_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.organization_id = e.organization_id AND r.reversal_of_entry_id = e.id)
           AND (${byIds} AND l.id = ANY(${byIds ? filter.ids : []}::uuid[])
                OR NOT ${byIds} AND l.entry_date BETWEEN ${byIds ? new Date(0) : filter.from} AND ${byIds ? new Date(0) : filter.to}
                   AND NOT EXISTS (SELECT 1 FROM bank_statement_lines s WHERE s.journal_line_id = l.id))
         ORDER BY l.entry_date, e.number, l.line_number`;
      return rows.map(toLedgerLine);
    },
  };
}
