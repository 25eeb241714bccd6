/** Queries of journal entries and their lines; the organization id comes first and is part of every filter. */
import { keysetFindMany, type KeysetWindow } from "@erp/db";
import { Decimal } from "@erp/money";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { JournalEntryListQuery } from "./journal.schemas";

const withLines = { lines: true, reversedBy: { select: { id: true } } } as const;

/** A line as it is written into a draft (or added by posting). */
export interface LineData {
  id: string;
  lineNumber: number;
  accountId: string;
  description: string | null;
  debit: Decimal;
  credit: Decimal;
  currency: string;
  exchangeRate: Decimal | null;
  baseDebit: Decimal;
  baseCredit: Decimal;
  partyType: "customer" | "supplier" | null;
  partyId: string | null;
  isRounding: boolean;
}

/** A journal entry's row as it is first written (a draft). */
export interface EntryData {
  id: string;
  entryDate: Date;
  memo: string | null;
  reference: string | null;
  sourceType: string | null;
  sourceId: string | null;
  reversalOfEntryId: string | null;
  baseCurrency: string;
  createdBy: string;
  createdAt: Date;
}

/** An account as posting checks it, read with a share lock: archiving waits for the posting to end. */
export interface AccountForPosting {
  id: string;
  code: string;
  isGroup: boolean;
  archived: boolean;
  currency: string | null;
}

/** The organization's chain head and the entry number given to this posting. */
export interface ChainSlot {
  lastHash: string | null;
  lastPosition: bigint;
  number: number;
}

export function journalRepository(tx: Tx) {
  const find = (organizationId: OrganizationId, id: string) => tx.journalEntry.findFirst({ where: { organizationId, id }, include: withLines });
  return {
    find,

    /** The entry, its row locked until the transaction ends (a draft being posted, edited or deleted). */
    findForUpdate: async (organizationId: OrganizationId, id: string) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM journal_entries WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
      return locked.length > 0 ? find(organizationId, id) : null;
    },

    findBySource: (organizationId: OrganizationId, source: { type: string; id: string }) =>
      tx.journalEntry.findFirst({ where: { organizationId, sourceType: source.type, sourceId: source.id }, include: withLines }),

    /** Writes an entry (a draft) and its lines in one statement. */
    create: async (organizationId: OrganizationId, entry: EntryData, lines: LineData[]) => {
      const column = <K extends keyof LineData>(key: K) => lines.map((line) => line[key]);
      const amounts = (key: "debit" | "credit" | "baseDebit" | "baseCredit") => lines.map((line) => line[key].toFixed());
      await tx.$executeRaw`
        WITH entry AS (
          INSERT INTO journal_entries (id, organization_id, entry_date, memo, reference, source_type, source_id, reversal_of_entry_id,
                                       base_currency, created_by, created_at, updated_at)
          VALUES (${entry.id}::uuid, ${organizationId}::uuid, ${entry.entryDate}::date, ${entry.memo}, ${entry.reference}, ${entry.sourceType},
                  ${entry.sourceId}, ${entry.reversalOfEntryId}::uuid, ${entry.baseCurrency}, ${entry.createdBy}, ${entry.createdAt}::timestamptz,
                  ${entry.createdAt}::timestamptz)
          RETURNING id, entry_date
        )
        INSERT INTO journal_lines (id, organization_id, entry_id, line_number, account_id, entry_date, description, debit, credit, currency,
                                   exchange_rate, base_debit, base_credit, party_type, party_id, is_rounding)
        SELECT l.id, ${organizationId}::uuid, entry.id, l.line_number, l.account_id, entry.entry_date, l.description, l.debit, l.credit, l.currency,
               l.exchange_rate, l.base_debit, l.base_credit, l.party_type::party_type, l.party_id, l.is_rounding
        FROM entry, unnest(${column("id")}::uuid[], ${column("lineNumber")}::int[], ${column("accountId")}::uuid[], ${column("description")}::text[],
                           ${amounts("debit")}::numeric[], ${amounts("credit")}::numeric[], ${column("currency")}::text[],
                           ${lines.map((line) => line.exchangeRate?.toFixed() ?? null)}::numeric[], ${amounts("baseDebit")}::numeric[],
                           ${amounts("baseCredit")}::numeric[], ${column("partyType")}::text[], ${column("partyId")}::uuid[], ${column("isRounding")}::boolean[])
             AS l(id, line_number, account_id, description, debit, credit, currency, exchange_rate, base_debit, base_credit, party_type, party_id, is_rounding)`;
    },

    /** Replaces a draft's lines (and copies its date onto them). */
    replaceLines: async (organizationId: OrganizationId, entryId: string, entryDate: Date, lines: LineData[]) => {
      await tx.journalLine.deleteMany({ where: { organizationId, entryId } });
      await insertLines(tx, organizationId, entryId, entryDate, lines);
    },

    /** Moves a draft's lines to its new date. */
    redateLines: (organizationId: OrganizationId, entryId: string, entryDate: Date) =>
      tx.journalLine.updateMany({ where: { organizationId, entryId }, data: { entryDate } }),

    update: (organizationId: OrganizationId, id: string, data: Prisma.JournalEntryUncheckedUpdateInput) =>
      tx.journalEntry.update({ where: { id, organizationId }, data }),

    delete: (organizationId: OrganizationId, id: string) => tx.journalEntry.delete({ where: { id, organizationId } }),

    list: (organizationId: OrganizationId, filters: JournalEntryListQuery, window: KeysetWindow) =>
      keysetFindMany(
        {
          findMany: (args: Prisma.JournalEntryFindManyArgs) => tx.journalEntry.findMany({ ...args, include: withLines }),
          count: (args: Prisma.JournalEntryCountArgs) => tx.journalEntry.count(args),
        },
        window,
        {
          AND: [
            { organizationId },
            filters.status ? { status: filters.status } : {},
            filters.from ? { entryDate: { gte: new Date(`${filters.from}T00:00:00.000Z`) } } : {},
            filters.to ? { entryDate: { lte: new Date(`${filters.to}T00:00:00.000Z`) } } : {},
            filters.accountId ? { lines: { some: { organizationId, accountId: filters.accountId } } } : {},
            filters.sourceType ? { sourceType: filters.sourceType } : {},
            filters.sourceId ? { sourceId: filters.sourceId } : {},
            filters.q
              ? { OR: (["number", "memo", "reference"] as const).map((field) => ({ [field]: { contains: filters.q, mode: "insensitive" as const } })) }
              : {},
          ],
        },
      ),

    /** Which of `ids` are the organization's accounts, for a draft's lines. */
    existingAccountIds: async (organizationId: OrganizationId, ids: string[]) =>
      new Set((await tx.account.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true } })).map((a) => a.id)),

    /** The accounts of a posting, each row share-locked until the transaction ends. */
    accountsForPosting: async (organizationId: OrganizationId, ids: string[]): Promise<AccountForPosting[]> => {
      const rows = await tx.$queryRaw<{ id: string; code: string; is_group: boolean; archived: boolean; currency: string | null }[]>`
        SELECT id::text, code, is_group, archived_at IS NOT NULL AS archived, currency FROM accounts
        WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])
        ORDER BY id FOR SHARE`;
      return rows.map((row) => ({ id: row.id, code: row.code, isGroup: row.is_group, archived: row.archived, currency: row.currency }));
    },

    /** The organization's latest rate on or before `date` for each of `currencies` that has one. */
    ratesOn: async (organizationId: OrganizationId, currencies: string[], date: Date): Promise<Map<string, Decimal>> => {
      if (currencies.length === 0) return new Map();
      const rows = await tx.$queryRaw<{ currency: string; rate: string }[]>`
        SELECT DISTINCT ON (currency) currency, rate::text FROM exchange_rates
        WHERE organization_id = ${organizationId}::uuid AND currency = ANY(${currencies}::text[]) AND effective_date <= ${date}::date
        ORDER BY currency, effective_date DESC`;
      return new Map(rows.map((row) => [row.currency, new Decimal(row.rate)]));
    },

    /** Writes each line's rate and base amounts (a draft's, just before it is posted). */
    setLineAmounts: async (organizationId: OrganizationId, lines: { id: string; exchangeRate: Decimal; baseDebit: Decimal; baseCredit: Decimal }[]) => {
      if (lines.length === 0) return;
      await tx.$executeRaw`
        UPDATE journal_lines l SET exchange_rate = v.rate, base_debit = v.base_debit, base_credit = v.base_credit
        FROM unnest(${lines.map((l) => l.id)}::uuid[], ${lines.map((l) => l.exchangeRate.toFixed())}::numeric[],
                    ${lines.map((l) => l.baseDebit.toFixed())}::numeric[], ${lines.map((l) => l.baseCredit.toFixed())}::numeric[])
             AS v(id, rate, base_debit, base_credit)
        WHERE l.organization_id = ${organizationId}::uuid AND l.id = v.id`;
    },

    addLines: (organizationId: OrganizationId, entryId: string, entryDate: Date, lines: LineData[]) =>
      insertLines(tx, organizationId, entryId, entryDate, lines),

    /**
     * Takes the organization's chain row (every posting and every lock move queue here, so this
     * is the serialisation point of the ledger) and then the next number of `fiscalYear`. Both
     * rows stay locked until the transaction ends, so numbers are gap-free: a rolled-back posting
     * gives its number back.
     * @throws Error when the organization has no chain row (its ledger was never set up)
     */
    takeChainSlot: async (organizationId: OrganizationId, fiscalYear: number): Promise<ChainSlot> => {
      // `counter` reads from `chain`, so the chain row is locked before the counter's: one lock order for all.
      const [row] = await tx.$queryRaw<{ last_hash: string | null; last_position: string; last_number: number }[]>`
        WITH chain AS (
          SELECT last_hash, last_position FROM ledger_chain WHERE organization_id = ${organizationId}::uuid FOR UPDATE
        ), counter AS (
          INSERT INTO entry_number_counters AS c (organization_id, fiscal_year, last_number)
          SELECT ${organizationId}::uuid, ${fiscalYear}::int, 1 FROM chain
          ON CONFLICT (organization_id, fiscal_year) DO UPDATE SET last_number = c.last_number + 1
          RETURNING last_number
        )
        SELECT chain.last_hash, chain.last_position::text AS last_position, counter.last_number FROM chain, counter`;
      if (!row) throw new Error(`organization ${organizationId} has no ledger chain row`);
      return { lastHash: row.last_hash, lastPosition: BigInt(row.last_position), number: row.last_number };
    },

    /** Marks the draft posted with its number and hash, and moves the chain head to it, in one statement. */
    markPosted: async (
      organizationId: OrganizationId,
      id: string,
      posted: {
        number: string;
        fiscalYear: number;
        sequence: number;
        chainPosition: bigint;
        previousHash: string | null;
        hash: string;
        postedAt: Date;
        postedBy: string;
        baseTotalDebit: Decimal;
        baseTotalCredit: Decimal;
      },
    ) => {
      await tx.$executeRaw`
        WITH posted AS (
          UPDATE journal_entries SET status = 'posted', number = ${posted.number}, fiscal_year = ${posted.fiscalYear}::int,
            sequence = ${posted.sequence}::int, chain_position = ${posted.chainPosition.toString()}::bigint,
            previous_hash = ${posted.previousHash}, hash = ${posted.hash}, posted_at = ${posted.postedAt}::timestamptz,
            posted_by = ${posted.postedBy}, base_total_debit = ${posted.baseTotalDebit.toFixed()}::numeric,
            base_total_credit = ${posted.baseTotalCredit.toFixed()}::numeric, updated_at = ${posted.postedAt}::timestamptz
          WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid AND status = 'draft'
          RETURNING id
        )
        UPDATE ledger_chain SET last_hash = ${posted.hash}, last_position = ${posted.chainPosition.toString()}::bigint, updated_at = now()
        WHERE organization_id = ${organizationId}::uuid AND EXISTS (SELECT 1 FROM posted)`;
    },
  };
}

async function insertLines(tx: Tx, organizationId: OrganizationId, entryId: string, entryDate: Date, lines: LineData[]): Promise<void> {
  if (lines.length === 0) return;
  await tx.journalLine.createMany({
    data: lines.map((line) => ({
      id: line.id,
      organizationId,
      entryId,
      lineNumber: line.lineNumber,
      accountId: line.accountId,
      entryDate,
      description: line.description,
      debit: line.debit,
      credit: line.credit,
      currency: line.currency,
      exchangeRate: line.exchangeRate,
      baseDebit: line.baseDebit,
      baseCredit: line.baseCredit,
      partyType: line.partyType,
      partyId: line.partyId,
      isRounding: line.isRounding,
    })),
  });
}
