/**
 * Events of the finance service's general ledger (topic erp.finance): the chart of accounts, posted
 * journal entries and their reversals, and the lock date. Amounts are decimal strings in the
 * currency beside them, never JSON numbers; base amounts are in the organization's base currency.
 */
import { z } from "zod";
import { defineEvent } from "@erp/events";

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const currency = z.string().length(3);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const accountSnapshot = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(["asset", "liability", "equity", "income", "expense"]),
  subtype: z.string().nullable(),
  isGroup: z.boolean(),
  parentId: z.string().uuid().nullable(),
  currency: currency.nullable(),
  status: z.enum(["active", "archived"]),
});

export const accountCreated = defineEvent("finance.account.created", 1, accountSnapshot);
export const accountUpdated = defineEvent(
  "finance.account.updated",
  1,
  accountSnapshot.extend({ changedFields: z.array(z.string()).min(1) }),
);
/** Archived, or (`status: "active"`) restored from the archive. */
export const accountArchived = defineEvent("finance.account.archived", 1, accountSnapshot.extend({ status: z.literal("archived") }));
export const accountRestored = defineEvent("finance.account.restored", 1, accountSnapshot.extend({ status: z.literal("active") }));
/** An account that never had a posting, deleted. */
export const accountDeleted = defineEvent("finance.account.deleted", 1, z.object({ code: z.string() }));

const entryLine = z.object({
  lineNumber: z.number().int(),
  accountId: z.string().uuid(),
  accountCode: z.string(),
  description: z.string().nullable(),
  debit: decimal,
  credit: decimal,
  currency,
  exchangeRate: decimal,
  baseDebit: decimal,
  baseCredit: decimal,
  party: z.object({ type: z.enum(["customer", "supplier"]), id: z.string().uuid() }).nullable(),
  isRounding: z.boolean(),
});

/**
 * A journal entry entered the ledger: its number (gap-free per organization and fiscal year), its
 * lines in transaction and base currency, the base totals (always equal), where it came from, the
 * entry it reverses (if it is a reversal), and its place in the organization's hash chain.
 */
export const journalEntryPosted = defineEvent(
  "finance.journal_entry.posted",
  1,
  z.object({
    number: z.string(),
    fiscalYear: z.number().int(),
    entryDate: date,
    memo: z.string().nullable(),
    reference: z.string().nullable(),
    source: z.object({ type: z.string(), id: z.string() }).nullable(),
    reversalOfEntryId: z.string().uuid().nullable(),
    baseCurrency: currency,
    totals: z.object({ baseDebit: decimal, baseCredit: decimal }),
    lines: z.array(entryLine).min(2),
    hash: z.string().length(64),
    postedAt: z.string(),
  }),
);

/** A posted entry was undone by a new posted entry with every line swapped (aggregate: the original). */
export const journalEntryReversed = defineEvent(
  "finance.journal_entry.reversed",
  1,
  z.object({
    number: z.string(),
    reversalEntryId: z.string().uuid(),
    reversalNumber: z.string(),
    reversalDate: date,
  }),
);

/** The lock date moved forward: nothing on or before `lockedThrough` can be posted or reversed. */
export const periodLocked = defineEvent(
  "finance.period.locked",
  1,
  z.object({ lockedThrough: date, previousLockedThrough: date.nullable() }),
);

/** The lock date moved back (or was lifted: null), by someone allowed to, for the reason given. */
export const periodUnlocked = defineEvent(
  "finance.period.unlocked",
  1,
  z.object({ lockedThrough: date.nullable(), previousLockedThrough: date.nullable(), reason: z.string() }),
);
