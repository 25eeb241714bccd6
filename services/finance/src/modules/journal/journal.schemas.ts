/** Request and response schemas of journal entries. */
import { listQuery, z } from "@erp/http-kit";
import { currencyCode, decimalString, formatMoney, minorUnits, type Decimal } from "@erp/money";
import type { JournalEntry, JournalLine } from "../../generated/prisma/client";
import { dateString } from "@erp/dates";

const isoDate = dateString;
// journal_lines: debit/credit numeric(20, 4), exchange_rate numeric(20, 10).
const amount = decimalString(4, "positive", "1250.00", 20);
const rate = decimalString(10, "positive", "1.10", 20).describe("Base currency per one unit of the line's currency");
const party = z.object({ type: z.enum(["customer", "supplier", "employee"]), id: z.uuid() }).strict().describe("A master-data customer or supplier, or an employee (a user: reimbursements)");

export const entryLineBody = z
  .object({
    accountId: z.uuid(),
    debit: amount.optional(),
    credit: amount.optional(),
    currency: currencyCode.optional().describe("ISO 4217; defaults to the organization's base currency"),
    exchangeRate: rate.optional().describe("Base currency per one unit; defaults to 1 for the base currency, else the organization's rate on the entry's date"),
    description: z.string().trim().max(500).optional(),
    party: party.optional(),
  })
  .strict()
  .refine((line) => (line.debit === undefined) !== (line.credit === undefined), { message: "Give either debit or credit, not both", path: ["debit"] });
export type EntryLineInput = z.infer<typeof entryLineBody>;

const lines = z.array(entryLineBody).max(500);
const headerFields = {
  date: isoDate,
  memo: z.string().trim().max(1000).optional(),
  reference: z.string().trim().max(200).optional(),
};

const example = {
  date: "2026-03-31",
  memo: "March rent",
  reference: "INV-4711",
  lines: [
    { accountId: "0193a1b2-0000-7000-8000-000000000101", debit: "1200.00", description: "Rent March" },
    { accountId: "0193a1b2-0000-7000-8000-000000000102", credit: "1200.00" },
  ],
};

export const createDraftBody = z.object({ ...headerFields, lines }).strict().openapi({ example });

/** At most this many entries per bulk posting, and lines in all (post-entries.ts). */
const MAX_BATCH_ENTRIES = 100;
const MAX_BATCH_LINES = 10_000;

export const postEntriesBody = z
  .object({
    entries: z
      .array(z.object({ ...headerFields, lines }).strict())
      .min(1)
      .max(MAX_BATCH_ENTRIES)
      .refine((entries) => entries.reduce((sum, entry) => sum + entry.lines.length, 0) <= MAX_BATCH_LINES, {
        message: `At most ${MAX_BATCH_LINES} lines in all`,
      })
      .describe(`1 to ${MAX_BATCH_ENTRIES} entries, posted in this order, all or none`),
  })
  .strict()
  .openapi({
    example: {
      entries: [
        example,
        {
          date: "2026-03-31",
          memo: "March bank fees",
          lines: [
            { accountId: "0193a1b2-0000-7000-8000-000000000103", debit: "12.50" },
            { accountId: "0193a1b2-0000-7000-8000-000000000104", credit: "12.50" },
          ],
        },
      ],
    },
  });

export const createEntryQuery = z.object({
  post: z.enum(["true", "false"]).default("false").describe("true: post the entry in the same request (needs finance.journal_entry.post)"),
});
export type CreateDraftInput = z.infer<typeof createDraftBody>;

export const updateDraftBody = z
  .object({ date: headerFields.date, memo: headerFields.memo.nullable(), reference: headerFields.reference.nullable(), lines })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { memo: "March rent (office)", lines: example.lines } });
export type UpdateDraftInput = z.infer<typeof updateDraftBody>;

export const reverseBody = z
  .object({ date: isoDate.describe("The reversal's date, on or after the original's"), memo: headerFields.memo })
  .strict()
  .openapi({ example: { date: "2026-04-01", memo: "Booked twice" } });
export type ReverseInput = z.infer<typeof reverseBody>;

const source = z.object({
  type: z.string().trim().regex(/^[a-z][a-z0-9_.-]{0,63}$/, "Lower-case letters, digits and . _ -").meta({ example: "invoice" }),
  id: z.string().trim().min(1).max(200).meta({ example: "0193a1b2-0000-7000-8000-000000000201" }),
});

/** What another service posts: the organization, the source it posts for (unique), and the entry. */
export const internalPostBody = z
  .object({
    organizationId: z.uuid(),
    source,
    actor: z.object({ type: z.enum(["user", "service"]), id: z.string().min(1).max(200) }).strict().optional().describe("Who caused it; the calling service when left out"),
    ...headerFields,
    lines: z.array(entryLineBody).min(1).max(500),
  })
  .strict()
  .openapi({ example: { organizationId: "0193a1b2-0000-7000-8000-0000000000aa", source: { type: "invoice", id: "0193a1b2-0000-7000-8000-000000000201" }, ...example } });
export type InternalPostInput = z.infer<typeof internalPostBody>;

/** The use case's input for creating and posting in one go (the internal route, the closing entry). */
export interface PostEntryInput {
  date: string;
  memo?: string;
  reference?: string;
  source?: { type: string; id: string };
  lines: EntryLineInput[];
}

const lineDto = z.object({
  id: z.uuid(),
  lineNumber: z.number().int(),
  accountId: z.uuid(),
  description: z.string().nullable(),
  debit: z.string(),
  credit: z.string(),
  currency: z.string(),
  exchangeRate: z.string().nullable().describe("Null in a draft that takes the organization's rate when posted"),
  baseDebit: z.string(),
  baseCredit: z.string(),
  party: party.nullable(),
  isRounding: z.boolean().describe("The rounding difference posting added"),
});

export const journalEntryDto = z.object({
  id: z.uuid(),
  status: z.enum(["draft", "posted"]),
  number: z.string().nullable().describe("JE-<fiscal year>-<6 digits>, given when posted, gap-free per fiscal year"),
  fiscalYear: z.number().int().nullable(),
  date: z.string(),
  memo: z.string().nullable(),
  reference: z.string().nullable(),
  source: source.nullable(),
  reversalOfEntryId: z.uuid().nullable(),
  reversedByEntryId: z.uuid().nullable(),
  baseCurrency: z.string(),
  totals: z.object({ baseDebit: z.string(), baseCredit: z.string() }),
  lines: z.array(lineDto),
  hash: z.string().nullable(),
  previousHash: z.string().nullable(),
  postedAt: z.string().nullable(),
  postedBy: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JournalEntryDto = z.infer<typeof journalEntryDto>;

export const journalEntryListQuery = listQuery({
  sortable: ["date", "createdAt"],
  defaultSort: "-date",
  filters: {
    status: z.enum(["draft", "posted"]).optional(),
    from: isoDate.optional().describe("Entries dated on or after"),
    to: isoDate.optional().describe("Entries dated on or before"),
    accountId: z.uuid().optional().describe("Entries with a line on this account"),
    sourceType: z.string().optional(),
    sourceId: z.string().optional(),
  },
});
export type JournalEntryListQuery = z.infer<typeof journalEntryListQuery>;

export const entryIdParams = z.object({ id: z.uuid() });

export type EntryRow = JournalEntry & { lines: JournalLine[]; reversedBy: { id: string } | null };

/** `2026-03-31` for a date column (read as UTC midnight). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A date string as the date column stores it. */
export function dayOf(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** An amount in `currency`: at its minor units, or more decimals when a draft holds more (AMOUNT_PRECISION when posted). */
function lineAmount(value: Decimal, currency: string): string {
  return value.toFixed(Math.max(minorUnits(currency), value.decimalPlaces()));
}

export function toJournalEntryDto(entry: EntryRow): JournalEntryDto {
  return {
    id: entry.id,
    status: entry.status,
    number: entry.number,
    fiscalYear: entry.fiscalYear,
    date: isoDay(entry.entryDate),
    memo: entry.memo,
    reference: entry.reference,
    source: entry.sourceType && entry.sourceId ? { type: entry.sourceType, id: entry.sourceId } : null,
    reversalOfEntryId: entry.reversalOfEntryId,
    reversedByEntryId: entry.reversedBy?.id ?? null,
    baseCurrency: entry.baseCurrency,
    totals: { baseDebit: formatMoney(entry.baseTotalDebit, entry.baseCurrency), baseCredit: formatMoney(entry.baseTotalCredit, entry.baseCurrency) },
    lines: [...entry.lines]
      .sort((a, b) => a.lineNumber - b.lineNumber)
      .map((line) => ({
        id: line.id,
        lineNumber: line.lineNumber,
        accountId: line.accountId,
        description: line.description,
        debit: lineAmount(line.debit, line.currency),
        credit: lineAmount(line.credit, line.currency),
        currency: line.currency,
        exchangeRate: line.exchangeRate?.toFixed() ?? null,
        baseDebit: formatMoney(line.baseDebit, entry.baseCurrency),
        baseCredit: formatMoney(line.baseCredit, entry.baseCurrency),
        party: line.partyType && line.partyId ? { type: line.partyType, id: line.partyId } : null,
        isRounding: line.isRounding,
      })),
    hash: entry.hash,
    previousHash: entry.previousHash,
    postedAt: entry.postedAt?.toISOString() ?? null,
    postedBy: entry.postedBy,
    createdBy: entry.createdBy,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}
