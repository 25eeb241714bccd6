/** Queries of journal entries and their lines; the organization id comes first and is part of every filter. */
import { keysetFindMany, textSearch, type KeysetWindow } from "@erp/db";
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
  partyType: "customer" | "supplier" | "employee" | null;
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
  /** Subtype receivable or payable: a control account (ledger-rules' CONTROL_ACCOUNT). */
  controlled: boolean;
}

/** The organization's chain head. */
export interface ChainHead {
  lastHash: string | null;
  lastPosition: bigint;
}

/** The numbers taken for a batch: the lock date they were checked against, the first number per fiscal year. */
export interface TakenNumbers {
  /** `YYYY-MM-DD`, null when nothing is locked. */
  lockedThrough: string | null;
  firstNumbers: Map<number, number>;
}

/** A draft as the posting batch reads it, locked. */
export interface DraftForPosting extends EntryData {
  status: "draft" | "posted";
  number: string | null;
  lines: LineData[];
}

/** What posting writes onto a draft. */
export interface PostedFields {
  id: string;
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

    /** The entries of any of `sources`, with their lines (a batch's sources posted before). */
    findBySources: (organizationId: OrganizationId, sources: { type: string; id: string }[]) =>
      tx.journalEntry.findMany({ where: { organizationId, OR: sources.map((source) => ({ sourceType: source.type, sourceId: source.id })) }, include: withLines }),

    /** Writes entries (as drafts) and their lines, all in one statement. */
    create: async (organizationId: OrganizationId, entries: { entry: EntryData; lines: LineData[] }[]) => {
      const heads = entries.map(({ entry }) => entry);
      const lines = entries.flatMap(({ entry, lines }) => lines.map((line) => ({ ...line, entryId: entry.id, entryDate: entry.entryDate })));
      const head = <K extends keyof EntryData>(key: K) => heads.map((entry) => entry[key]);
      const column = <K extends keyof (typeof lines)[number]>(key: K) => lines.map((line) => line[key]);
      const amounts = (key: "debit" | "credit" | "baseDebit" | "baseCredit") => lines.map((line) => line[key].toFixed());
      await tx.$executeRaw`
        WITH entries AS (
          INSERT INTO journal_entries (id, organization_id, entry_date, memo, reference, source_type, source_id, reversal_of_entry_id,
                                       base_currency, created_by, created_at, updated_at)
          SELECT e.id, ${organizationId}::uuid, e.entry_date, e.memo, e.reference, e.source_type, e.source_id, e.reversal_of_entry_id,
                 e.base_currency, e.created_by, e.created_at, e.created_at
          FROM unnest(${head("id")}::uuid[], ${head("entryDate")}::date[], ${head("memo")}::text[], ${head("reference")}::text[],
                      ${head("sourceType")}::text[], ${head("sourceId")}::text[], ${head("reversalOfEntryId")}::uuid[],
                      ${head("baseCurrency")}::text[], ${head("createdBy")}::text[], ${head("createdAt")}::timestamptz[])
               AS e(id, entry_date, memo, reference, source_type, source_id, reversal_of_entry_id, base_currency, created_by, created_at)
          RETURNING id
        )
        INSERT INTO journal_lines (id, organization_id, entry_id, line_number, account_id, entry_date, description, debit, credit, currency,
                                   exchange_rate, base_debit, base_credit, party_type, party_id, is_rounding)
        SELECT l.id, ${organizationId}::uuid, l.entry_id, l.line_number, l.account_id, l.entry_date, l.description, l.debit, l.credit, l.currency,
               l.exchange_rate, l.base_debit, l.base_credit, l.party_type::party_type, l.party_id, l.is_rounding
        FROM unnest(${column("id")}::uuid[], ${column("entryId")}::uuid[], ${column("lineNumber")}::int[], ${column("accountId")}::uuid[],
                    ${column("entryDate")}::date[], ${column("description")}::text[], ${amounts("debit")}::numeric[], ${amounts("credit")}::numeric[],
                    ${column("currency")}::text[], ${lines.map((line) => line.exchangeRate?.toFixed() ?? null)}::numeric[],
                    ${amounts("baseDebit")}::numeric[], ${amounts("baseCredit")}::numeric[], ${column("partyType")}::text[],
                    ${column("partyId")}::uuid[], ${column("isRounding")}::boolean[])
             AS l(id, entry_id, line_number, account_id, entry_date, description, debit, credit, currency, exchange_rate, base_debit,
                  base_credit, party_type, party_id, is_rounding)
        WHERE l.entry_id IN (SELECT id FROM entries)`;
    },

    /** Deletes drafts (a batched posting's entries that could not be posted). */
    deleteDrafts: (organizationId: OrganizationId, ids: string[]) =>
      tx.journalEntry.deleteMany({ where: { organizationId, id: { in: ids }, status: "draft" } }),

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
            textSearch<Prisma.JournalEntryWhereInput>(filters.q, ["number", "memo", "reference"]),
          ],
        },
      ),

    /** Which of `ids` are the organization's accounts, for a draft's lines. */
    existingAccountIds: async (organizationId: OrganizationId, ids: string[]) =>
      new Set((await tx.account.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true } })).map((a) => a.id)),

    /** The accounts of a posting, each row share-locked until the transaction ends, so archiving or changing one waits. */
    accountsForPosting: async (organizationId: OrganizationId, ids: string[]): Promise<AccountForPosting[]> => {
      const rows = await tx.$queryRaw<{ id: string; code: string; is_group: boolean; archived: boolean; currency: string | null; controlled: boolean }[]>`
        SELECT id::text, code, is_group, archived_at IS NOT NULL AS archived, currency,
               COALESCE(subtype IN ('receivable', 'payable'), false) AS controlled
        FROM accounts
        WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])
        ORDER BY id FOR SHARE`;
      return rows.map((row) => ({ id: row.id, code: row.code, isGroup: row.is_group, archived: row.archived, currency: row.currency, controlled: row.controlled }));
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
     * Takes the organization's chain row until the transaction ends: every posting and every lock
     * move queue here, so this is the serialisation point of the ledger. Take the numbers
     * (`takeNumbers`) in the next statement, never in this one (see there).
     * @throws Error when the organization has no chain row (its ledger was never set up)
     */
    takeChain: async (organizationId: OrganizationId): Promise<ChainHead> => {
      const [row] = await tx.$queryRaw<{ last_hash: string | null; last_position: string }[]>`
        SELECT last_hash, last_position::text AS last_position FROM ledger_chain WHERE organization_id = ${organizationId}::uuid FOR UPDATE`;
      if (!row) throw new Error(`organization ${organizationId} has no ledger chain row`);
      return { lastHash: row.last_hash, lastPosition: BigInt(row.last_position) };
    },

    /**
     * With the chain row taken (`takeChain`), in one statement: reads the lock date and takes the
     * next numbers of each fiscal year for the entries dated after it (`entries`: each one's fiscal
     * year and date), so a refused entry takes no number. The counter rows stay locked until the
     * transaction ends: numbers are gap-free, a rolled-back posting gives its numbers back. It must
     * be a statement of its own after the chain row's: a statement sees what was committed when it
     * started, and a lock move that committed while this transaction waited for the chain row is
     * only seen by a statement that starts after the wait.
     */
    takeNumbers: async (organizationId: OrganizationId, entries: { fiscalYear: number; date: string }[]): Promise<TakenNumbers> => {
      const rows = await tx.$queryRaw<{ locked_through: string | null; fiscal_year: number | null; last_number: number | null; taken: number | null }[]>`
        WITH lock AS (
          SELECT (SELECT to_char(locked_through, 'YYYY-MM-DD') FROM period_locks WHERE organization_id = ${organizationId}::uuid) AS locked_through
        ), wanted AS (
          SELECT e.fiscal_year, count(*)::int AS taken
          FROM unnest(${entries.map((entry) => entry.fiscalYear)}::int[], ${entries.map((entry) => entry.date)}::date[]) AS e(fiscal_year, entry_date), lock
          WHERE lock.locked_through IS NULL OR e.entry_date > lock.locked_through::date
          GROUP BY e.fiscal_year
        ), counters AS (
          INSERT INTO entry_number_counters AS c (organization_id, fiscal_year, last_number)
          SELECT ${organizationId}::uuid, fiscal_year, taken FROM wanted ORDER BY fiscal_year
          ON CONFLICT (organization_id, fiscal_year) DO UPDATE SET last_number = c.last_number + EXCLUDED.last_number
          RETURNING fiscal_year, last_number
        )
        SELECT lock.locked_through, counters.fiscal_year, counters.last_number, wanted.taken
        FROM lock LEFT JOIN (counters JOIN wanted USING (fiscal_year)) ON true`;
      const firstNumbers = new Map<number, number>();
      for (const row of rows) if (row.fiscal_year !== null) firstNumbers.set(row.fiscal_year, row.last_number! - row.taken! + 1);
      return { lockedThrough: rows[0]?.locked_through ?? null, firstNumbers };
    },

    /**
     * Drafts (entries with their lines, in line order) locked until the transaction ends, in id
     * order (one lock order for every batch); posted entries among `ids` are read too (and locked,
     * harmlessly: they never change), ids of no entry of the organization are missing.
     */
    lockDrafts: async (organizationId: OrganizationId, ids: string[]): Promise<DraftForPosting[]> => {
      type Row = {
        id: string;
        status: "draft" | "posted";
        number: string | null;
        entry_date: string;
        memo: string | null;
        reference: string | null;
        source_type: string | null;
        source_id: string | null;
        reversal_of_entry_id: string | null;
        base_currency: string;
        created_by: string;
        created_at: Date;
        line_id: string | null;
        line_number: number | null;
        account_id: string | null;
        description: string | null;
        debit: string | null;
        credit: string | null;
        currency: string | null;
        exchange_rate: string | null;
        base_debit: string | null;
        base_credit: string | null;
        party_type: "customer" | "supplier" | "employee" | null;
        party_id: string | null;
        is_rounding: boolean | null;
      };
      const rows = await tx.$queryRaw<Row[]>`
        SELECT e.id::text AS id, e.status::text AS status, e.number, to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date, e.memo, e.reference, e.source_type, e.source_id,
               e.reversal_of_entry_id::text AS reversal_of_entry_id, e.base_currency, e.created_by, e.created_at,
               l.id::text AS line_id, l.line_number, l.account_id::text AS account_id, l.description, l.debit::text AS debit,
               l.credit::text AS credit, l.currency, l.exchange_rate::text AS exchange_rate, l.base_debit::text AS base_debit,
               l.base_credit::text AS base_credit, l.party_type::text AS party_type, l.party_id::text AS party_id, l.is_rounding
        FROM journal_entries e
        LEFT JOIN journal_lines l ON l.organization_id = e.organization_id AND l.entry_id = e.id
        WHERE e.organization_id = ${organizationId}::uuid AND e.id = ANY(${ids}::uuid[])
        ORDER BY e.id, l.line_number
        FOR UPDATE OF e`;
      const drafts = new Map<string, DraftForPosting>();
      for (const row of rows) {
        let draft = drafts.get(row.id);
        if (!draft) {
          draft = {
            id: row.id,
            status: row.status,
            number: row.number,
            entryDate: new Date(`${row.entry_date}T00:00:00.000Z`),
            memo: row.memo,
            reference: row.reference,
            sourceType: row.source_type,
            sourceId: row.source_id,
            reversalOfEntryId: row.reversal_of_entry_id,
            baseCurrency: row.base_currency.trim(),
            createdBy: row.created_by,
            createdAt: row.created_at,
            lines: [],
          };
          drafts.set(row.id, draft);
        }
        if (row.line_id === null) continue;
        draft.lines.push({
          id: row.line_id,
          lineNumber: row.line_number!,
          accountId: row.account_id!,
          description: row.description,
          debit: new Decimal(row.debit!),
          credit: new Decimal(row.credit!),
          currency: row.currency!.trim(),
          exchangeRate: row.exchange_rate === null ? null : new Decimal(row.exchange_rate),
          baseDebit: new Decimal(row.base_debit!),
          baseCredit: new Decimal(row.base_credit!),
          partyType: row.party_type,
          partyId: row.party_id,
          isRounding: row.is_rounding!,
        });
      }
      return [...drafts.values()];
    },

    /** Writes rounding lines of several drafts (each line with its entry), in one statement. */
    addLinesToEntries: async (organizationId: OrganizationId, lines: (LineData & { entryId: string; entryDate: Date })[]) => {
      if (lines.length === 0) return;
      await tx.journalLine.createMany({ data: lines.map(({ entryId, entryDate, ...line }) => lineRow(organizationId, entryId, entryDate, line)) });
    },

    /**
     * Marks drafts posted with their numbers and hashes, and moves the chain head to the last, in one statement.
     * @throws Error when one of them is no longer a draft of the organization (the transaction must roll back)
     */
    markPosted: async (organizationId: OrganizationId, posted: PostedFields[]) => {
      const last = posted.at(-1);
      if (!last) return;
      const field = <K extends keyof PostedFields>(key: K) => posted.map((entry) => entry[key]);
      const [result] = await tx.$queryRaw<{ posted: number }[]>`
        WITH posted AS (
          UPDATE journal_entries e SET status = 'posted', number = p.number, fiscal_year = p.fiscal_year, sequence = p.sequence,
            chain_position = p.chain_position, previous_hash = p.previous_hash, hash = p.hash, posted_at = p.posted_at,
            posted_by = p.posted_by, base_total_debit = p.base_total_debit, base_total_credit = p.base_total_credit, updated_at = p.posted_at
          FROM unnest(${field("id")}::uuid[], ${field("number")}::text[], ${field("fiscalYear")}::int[], ${field("sequence")}::int[],
                      ${posted.map((entry) => entry.chainPosition.toString())}::bigint[], ${field("previousHash")}::text[], ${field("hash")}::text[],
                      ${field("postedAt")}::timestamptz[], ${field("postedBy")}::text[],
                      ${posted.map((entry) => entry.baseTotalDebit.toFixed())}::numeric[], ${posted.map((entry) => entry.baseTotalCredit.toFixed())}::numeric[])
               AS p(id, number, fiscal_year, sequence, chain_position, previous_hash, hash, posted_at, posted_by, base_total_debit, base_total_credit)
          WHERE e.organization_id = ${organizationId}::uuid AND e.id = p.id AND e.status = 'draft'
          RETURNING e.id
        )
        , head AS (
          UPDATE ledger_chain SET last_hash = ${last.hash}, last_position = ${last.chainPosition.toString()}::bigint, updated_at = now()
          WHERE organization_id = ${organizationId}::uuid AND (SELECT count(*) FROM posted) = ${posted.length}::int
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM posted)::int AS posted, (SELECT count(*) FROM head)::int AS head`;
      if (result?.posted !== posted.length) throw new Error(`${posted.length - (result?.posted ?? 0)} of the entries to post are no longer drafts`);
    },
  };
}

async function insertLines(tx: Tx, organizationId: OrganizationId, entryId: string, entryDate: Date, lines: LineData[]): Promise<void> {
  if (lines.length === 0) return;
  await tx.journalLine.createMany({ data: lines.map((line) => lineRow(organizationId, entryId, entryDate, line)) });
}

function lineRow(organizationId: OrganizationId, entryId: string, entryDate: Date, line: LineData) {
  return {
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
  };
}
