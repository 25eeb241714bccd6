/**
 * The reports' reads: the chart, the maintained balances (monthly and daily, never the lines), the
 * closing entries' lines, and one account's lines for the general ledger. Organization id first.
 */
import { Decimal } from "@erp/money";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { balanceRanges } from "./balance-ranges";
import type { Movement, ReportAccount } from "./ledger-amounts";

/** A posted line of the general ledger, amounts as stored. */
export interface LedgerLineRow {
  lineId: string;
  entryId: string;
  entryNumber: string;
  entryDate: string;
  lineNumber: number;
  chainPosition: string;
  memo: string | null;
  reference: string | null;
  description: string | null;
  debit: Decimal;
  credit: Decimal;
  lineCurrency: string;
  lineDebit: Decimal;
  lineCredit: Decimal;
  exchangeRate: Decimal;
  partyType: string | null;
  partyId: string | null;
}

/** Where a general-ledger page starts: after this line, in ledger order. */
export interface LedgerPosition {
  entryDate: string;
  chainPosition: string;
  lineNumber: number;
}

interface MovementRow {
  account_id: string;
  debit: string;
  credit: string;
}

const toMovements = (rows: MovementRow[]) =>
  new Map<string, Movement>(rows.map((row) => [row.account_id, { debit: new Decimal(row.debit), credit: new Decimal(row.credit) }]));

export function reportRepository(tx: Tx) {
  return {
    /** Every account of the chart, archived ones included (they may hold history). */
    accounts: (organizationId: OrganizationId): Promise<ReportAccount[]> =>
      tx.account.findMany({ where: { organizationId }, select: { id: true, code: true, name: true, type: true, parentId: true, isGroup: true } }),

    /** One account, or null when it is not the organization's. */
    account: (organizationId: OrganizationId, id: string) =>
      tx.account.findFirst({ where: { organizationId, id }, select: { id: true, code: true, name: true, type: true, isGroup: true } }),

    /**
     * Base-currency debits and credits per account posted from `from` through `to` (inclusive;
     * `from` null: since the first posting), from the monthly balances for whole months and the
     * daily balances for the rest. `accountId` narrows it to one account.
     */
    movements: async (organizationId: OrganizationId, from: string | null, to: string, accountId?: string): Promise<Map<string, Movement>> => {
      const { months, days } = balanceRanges(from, to);
      const account = accountId ? Prisma.sql`AND account_id = ${accountId}::uuid` : Prisma.empty;
      const parts: Prisma.Sql[] = [];
      if (months) {
        const first = months.first === null ? Prisma.empty : Prisma.sql`AND period >= ${months.first}::bpchar`;
        parts.push(Prisma.sql`
          SELECT account_id, base_debit, base_credit FROM account_period_balances
          WHERE organization_id = ${organizationId}::uuid ${account} ${first} AND period <= ${months.last}::bpchar`);
      }
      for (const run of days) {
        parts.push(Prisma.sql`
          SELECT account_id, base_debit, base_credit FROM account_daily_balances
          WHERE organization_id = ${organizationId}::uuid ${account} AND balance_date BETWEEN ${run.from}::date AND ${run.to}::date`);
      }
      if (parts.length === 0) return new Map();
      return toMovements(
        await tx.$queryRaw<MovementRow[]>`
          SELECT account_id::text AS account_id, sum(base_debit)::text AS debit, sum(base_credit)::text AS credit
          FROM (${Prisma.join(parts, " UNION ALL ")}) AS balances
          GROUP BY account_id`,
      );
    },

    /** The lines of year-end closing entries dated from `from` through `to`, summed per account. */
    closingMovements: async (organizationId: OrganizationId, from: string, to: string): Promise<Map<string, Movement>> =>
      toMovements(
        await tx.$queryRaw<MovementRow[]>`
          SELECT l.account_id::text AS account_id, sum(l.base_debit)::text AS debit, sum(l.base_credit)::text AS credit
          FROM fiscal_year_closings c
          JOIN journal_lines l ON l.organization_id = c.organization_id AND l.entry_id = c.entry_id
          WHERE c.organization_id = ${organizationId}::uuid AND l.entry_date BETWEEN ${from}::date AND ${to}::date
          GROUP BY l.account_id`,
      ),

    /**
     * Up to `limit` posted lines of one account dated `from` through `to`, in ledger order (date,
     * then posting order, then line), after `after` when given. Reads the account's lines through
     * the (organization, account, date) index.
     */
    ledgerLines: async (
      organizationId: OrganizationId,
      query: { accountId: string; from: string; to: string; after: LedgerPosition | null; limit: number },
    ): Promise<LedgerLineRow[]> => {
      const { after } = query;
      const start = after
        ? Prisma.sql`AND l.entry_date >= ${after.entryDate}::date
            AND (l.entry_date, e.chain_position, l.line_number) > (${after.entryDate}::date, ${after.chainPosition}::bigint, ${after.lineNumber}::int)`
        : Prisma.empty;
      const rows = await tx.$queryRaw<
        {
          line_id: string;
          entry_id: string;
          number: string;
          entry_date: string;
          line_number: number;
          chain_position: string;
          memo: string | null;
          reference: string | null;
          description: string | null;
          base_debit: string;
          base_credit: string;
          currency: string;
          debit: string;
          credit: string;
          exchange_rate: string;
          party_type: string | null;
          party_id: string | null;
        }[]
      >`
        SELECT l.id::text AS line_id, l.entry_id::text AS entry_id, e.number, to_char(l.entry_date, 'YYYY-MM-DD') AS entry_date,
               l.line_number, e.chain_position::text AS chain_position, e.memo, e.reference, l.description,
               l.base_debit::text AS base_debit, l.base_credit::text AS base_credit, l.currency, l.debit::text AS debit,
               l.credit::text AS credit, l.exchange_rate::text AS exchange_rate, l.party_type::text AS party_type, l.party_id::text AS party_id
        FROM journal_lines l
        JOIN journal_entries e ON e.organization_id = l.organization_id AND e.id = l.entry_id
        WHERE l.organization_id = ${organizationId}::uuid AND l.account_id = ${query.accountId}::uuid
          AND l.entry_date BETWEEN ${query.from}::date AND ${query.to}::date
          AND e.status = 'posted' ${start}
        ORDER BY l.entry_date, e.chain_position, l.line_number
        LIMIT ${query.limit}`;
      return rows.map((row) => ({
        lineId: row.line_id,
        entryId: row.entry_id,
        entryNumber: row.number,
        entryDate: row.entry_date,
        lineNumber: row.line_number,
        chainPosition: row.chain_position,
        memo: row.memo,
        reference: row.reference,
        description: row.description,
        debit: new Decimal(row.base_debit),
        credit: new Decimal(row.base_credit),
        lineCurrency: row.currency,
        lineDebit: new Decimal(row.debit),
        lineCredit: new Decimal(row.credit),
        exchangeRate: new Decimal(row.exchange_rate),
        partyType: row.party_type,
        partyId: row.party_id,
      }));
    },
  };
}
