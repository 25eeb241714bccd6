/**
 * The reports' reads: the chart with the maintained balances (monthly and daily, never the lines)
 * in one query, and one account's lines for the general ledger. Organization id first.
 */
import { Decimal } from "@erp/money";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { Prisma, type AccountType } from "../../generated/prisma/client";
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

/** A range of dates whose movements a report reads. */
export interface MovementRange {
  /** First day (inclusive); null: since the first posting. */
  from: string | null;
  /** Last day (inclusive). */
  to: string;
  /** Leave year-end closing entries out (profit and loss: they move earnings, they are not earnings). */
  withoutClosings?: boolean;
}

/** What of the ledger settings reports use. */
export interface ReportSettings {
  baseCurrency: string;
  fiscalYearStartMonth: number;
}

/** The chart and, per range asked for, each account's movements, with the settings read in the same statement. */
export interface AccountsWithMovements {
  accounts: ReportAccount[];
  /** One map per range, in the order asked. */
  movements: Map<string, Movement>[];
  /** Null when the organization has no ledger settings (never set up). */
  settings: ReportSettings | null;
}

/** One range's rows of the maintained balances, labelled with the range's index. */
function rangeParts(organizationId: OrganizationId, bucket: number, range: MovementRange, accountId: string | undefined): Prisma.Sql[] {
  const { months, days } = balanceRanges(range.from, range.to);
  const account = accountId ? Prisma.sql`AND account_id = ${accountId}::uuid` : Prisma.empty;
  const parts: Prisma.Sql[] = [];
  if (months) {
    const first = months.first === null ? Prisma.empty : Prisma.sql`AND period >= ${months.first}::bpchar`;
    parts.push(Prisma.sql`
      SELECT ${bucket}::int AS bucket, account_id, base_debit, base_credit FROM account_period_balances
      WHERE organization_id = ${organizationId}::uuid ${account} ${first} AND period <= ${months.last}::bpchar`);
  }
  for (const run of days) {
    parts.push(Prisma.sql`
      SELECT ${bucket}::int, account_id, base_debit, base_credit FROM account_daily_balances
      WHERE organization_id = ${organizationId}::uuid ${account} AND balance_date BETWEEN ${run.from}::date AND ${run.to}::date`);
  }
  if (range.withoutClosings && (months || days.length > 0)) {
    const lineAccount = accountId ? Prisma.sql`AND l.account_id = ${accountId}::uuid` : Prisma.empty;
    const from = range.from === null ? Prisma.empty : Prisma.sql`AND l.entry_date >= ${range.from}::date`;
    parts.push(Prisma.sql`
      SELECT ${bucket}::int, l.account_id, -l.base_debit, -l.base_credit
      FROM fiscal_year_closings c JOIN journal_lines l ON l.organization_id = c.organization_id AND l.entry_id = c.entry_id
      WHERE c.organization_id = ${organizationId}::uuid ${lineAccount} ${from} AND l.entry_date <= ${range.to}::date`);
  }
  return parts;
}

export function reportRepository(tx: Tx) {
  return {
    /**
     * Every account of the chart (archived ones included: they may hold history), or only
     * `accountId`, with its base-currency debits and credits in each range, in one query: whole
     * months from the monthly balances, the other days from the daily balances, never the lines
     * (bar the few of closing entries, for a range that leaves them out). The ledger settings come
     * with them, from the same snapshot (report-settings.ts: a report checks the settings it
     * assumed without a query of its own).
     */
    accountsWithMovements: async (organizationId: OrganizationId, ranges: MovementRange[], accountId?: string): Promise<AccountsWithMovements> => {
      const parts = ranges.flatMap((range, bucket) => rangeParts(organizationId, bucket, range, accountId));
      const balances = parts.length > 0 ? Prisma.join(parts, " UNION ALL ") : Prisma.sql`SELECT NULL::int, NULL::uuid, 0::numeric, 0::numeric WHERE false`;
      const only = accountId ? Prisma.sql`AND a.id = ${accountId}::uuid` : Prisma.empty;
      const rows = await tx.$queryRaw<
        {
          base_currency: string | null;
          fiscal_year_start_month: number | null;
          id: string | null;
          code: string;
          name: string;
          type: AccountType;
          parent_id: string | null;
          is_group: boolean;
          bucket: number | null;
          debit: string | null;
          credit: string | null;
        }[]
      >`
        WITH sums AS (
          SELECT bucket, account_id, sum(base_debit) AS debit, sum(base_credit) AS credit
          FROM (${balances}) AS balances (bucket, account_id, base_debit, base_credit)
          GROUP BY bucket, account_id
        )
        , chart AS (
          SELECT a.id::text AS id, a.code, a.name, a.type::text AS type, a.parent_id::text AS parent_id, a.is_group,
                 s.bucket, s.debit::text AS debit, s.credit::text AS credit
          FROM accounts a LEFT JOIN sums s ON s.account_id = a.id
          WHERE a.organization_id = ${organizationId}::uuid ${only}
        )
        SELECT st.base_currency, st.fiscal_year_start_month, chart.*
        FROM (SELECT 1) AS one
        LEFT JOIN ledger_settings st ON st.organization_id = ${organizationId}::uuid
        LEFT JOIN chart ON true`;
      const accounts = new Map<string, ReportAccount>();
      const movements = ranges.map(() => new Map<string, Movement>());
      for (const { id, ...row } of rows) {
        if (id === null) continue;
        accounts.set(id, { id, code: row.code, name: row.name, type: row.type, parentId: row.parent_id, isGroup: row.is_group });
        if (row.bucket !== null) movements[row.bucket]!.set(id, { debit: new Decimal(row.debit!), credit: new Decimal(row.credit!) });
      }
      const [first] = rows;
      const settings =
        first?.base_currency && first.fiscal_year_start_month !== null
          ? { baseCurrency: first.base_currency, fiscalYearStartMonth: first.fiscal_year_start_month }
          : null;
      return { accounts: [...accounts.values()], movements, settings };
    },

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
