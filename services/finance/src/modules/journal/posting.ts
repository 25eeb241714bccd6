/**
 * The two halves of every posting (a draft's, another service's, a reversal's, a batch's), in the
 * caller's transaction. `planEntry` checks the rules (ledger-rules.ts) against the accounts,
 * share-locked so that archiving waits, and the rates, and gives each line its rate and base
 * amount, adding the rounding line when conversion left a difference. `commitPostings` then takes
 * the organization's chain row (every posting and lock move of the organization queues there until
 * the transaction ends), checks the lock date, gives each entry the next gap-free number of its
 * fiscal year and its hash, marks them posted (the trigger adds them to the balances) and writes
 * the posted events. As little as possible happens between the chain row and the commit.
 */
import { uuidv7 } from "@erp/db";
import { AppError } from "@erp/errors";
import { journalEntryPosted } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { Decimal } from "@erp/money";
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import type { LedgerSettings } from "../../generated/prisma/client";
import { accountRepository } from "../accounts/account.repository";
import { assertPeriodOpen } from "../periods/assert-period-open";
import { fiscalYearOf } from "../periods/fiscal-year";
import { entryHash } from "./entry-hash";
import { postingRefused, roundingAccountMissing } from "./journal.errors";
import { journalRepository, type AccountForPosting, type LineData, type PostedFields } from "./journal.repository";
import { dayOf, toJournalEntryDto, type JournalEntryDto } from "./journal.schemas";
import { planPosting } from "./ledger-rules";

/** `JE-2026-000042` */
export function entryNumber(fiscalYear: number, sequence: number): string {
  return `JE-${fiscalYear}-${String(sequence).padStart(6, "0")}`;
}

/** An entry about to be posted: its header as stored, and its lines with their final amounts. */
export interface PlannedEntry {
  id: string;
  /** `YYYY-MM-DD` */
  date: string;
  memo: string | null;
  reference: string | null;
  sourceType: string | null;
  sourceId: string | null;
  reversalOfEntryId: string | null;
  baseCurrency: string;
  createdBy: string;
  createdAt: Date;
  lines: LineData[];
  totals: { baseDebit: Decimal; baseCredit: Decimal };
  /** Each line's account code, for the event. */
  accountCodes: ReadonlyMap<string, string>;
  /** The rounding line planning added (already in `lines`), if any. */
  roundingLine: LineData | null;
}

/**
 * Plans `lines` (as a draft holds them) for posting on `date`: every rule checked, every line with
 * its rate and base amounts, plus the rounding line when needed. The accounts are share-locked
 * unless `lock` is false (planning before a batched posting, which checks them again under lock).
 * @throws AppError 422 with the first broken rule's code and every broken rule in `details`;
 *   422 ROUNDING_ACCOUNT_MISSING
 */
export async function planEntry(
  tx: Tx,
  scope: Scope,
  input: { date: string; lines: LineData[]; settings: Pick<LedgerSettings, "baseCurrency">; lock?: boolean },
): Promise<Pick<PlannedEntry, "lines" | "totals" | "accountCodes" | "roundingLine">> {
  const { organizationId } = scope;
  const { baseCurrency } = input.settings;
  const repository = journalRepository(tx);
  const accounts = await repository.accountsForPosting(organizationId, [...new Set(input.lines.map((line) => line.accountId))], { lock: input.lock });
  const unrated = [...new Set(input.lines.filter((line) => line.exchangeRate === null).map((line) => line.currency))];
  const rates = await repository.ratesOn(organizationId, unrated, dayOf(input.date));
  const result = planPosting({ lines: input.lines, accounts: new Map(accounts.map((a) => [a.id, a])), baseCurrency, rates });
  if (!result.ok) throw postingRefused(result.problems);
  const { plan } = result;
  const lines: LineData[] = input.lines.map((line, index) => ({ ...line, ...plan.lines[index]! }));
  const accountCodes = new Map(accounts.map((account) => [account.id, account.code]));
  let roundingLine: LineData | null = null;
  if (plan.rounding) {
    const account = await roundingAccountFor(tx, scope, input.lock);
    const { side, amount } = plan.rounding;
    const zero = new Decimal(0);
    roundingLine = {
      id: uuidv7(),
      lineNumber: lines.length + 1,
      accountId: account.id,
      description: "Rounding difference",
      debit: side === "debit" ? amount : zero,
      credit: side === "credit" ? amount : zero,
      currency: baseCurrency,
      exchangeRate: new Decimal(1),
      baseDebit: side === "debit" ? amount : zero,
      baseCredit: side === "credit" ? amount : zero,
      partyType: null,
      partyId: null,
      isRounding: true,
    };
    lines.push(roundingLine);
    accountCodes.set(account.id, account.code);
  }
  return { lines, totals: plan.totals, accountCodes, roundingLine };
}

/** One entry of a batch: who posts it (its actor) and the entry, written as a draft in this transaction already. */
export interface PostingItem {
  scope: Scope;
  entry: PlannedEntry;
}

/** Each item's result, in the items' order: posted, or refused (its draft deleted). */
export type PostingOutcome = { ok: true; entry: JournalEntryDto } | { ok: false; error: AppError };

/**
 * Posts the items (their rows written as drafts in this transaction already), in order: takes the
 * organization's chain row and their numbers, checks the lock date, hashes each onto the chain,
 * marks them posted (the trigger adds them to the balances) and writes one posted event each.
 * `refused: "throw"` throws an entry's PERIOD_LOCKED; `"drop"` deletes that entry's draft, gives
 * its number back and reports it, posting the others.
 */
export async function commitPostings(
  tx: Tx,
  organizationId: OrganizationId,
  items: PostingItem[],
  settings: Pick<LedgerSettings, "fiscalYearStartMonth">,
  refused: "throw" | "drop",
): Promise<PostingOutcome[]> {
  const repository = journalRepository(tx);
  const years = items.map(({ entry }) => fiscalYearOf(entry.date, settings.fiscalYearStartMonth).fiscalYear);
  const counts = new Map<number, number>();
  for (const year of years) counts.set(year, (counts.get(year) ?? 0) + 1);
  const slots = await repository.takeChainSlots(organizationId, counts);

  // The lock date, read after the chain row is ours: a lock move cannot slip in before the commit.
  const errors = new Map<number, AppError>();
  const dates = new Map<string, number[]>();
  items.forEach(({ entry }, index) => dates.set(entry.date, [...(dates.get(entry.date) ?? []), index]));
  for (const [date, indexes] of dates) {
    try {
      await assertPeriodOpen(tx, items[indexes[0]!]!.scope, date);
    } catch (err) {
      if (refused === "throw" || !(err instanceof AppError)) throw err;
      for (const index of indexes) errors.set(index, err);
    }
  }
  if (errors.size > 0) {
    await repository.deleteDrafts(organizationId, [...errors.keys()].map((index) => items[index]!.entry.id));
    for (const [year, count] of counts) {
      const refusedInYear = [...errors.keys()].filter((index) => years[index] === year).length;
      if (refusedInYear > 0) await repository.setLastNumber(organizationId, year, slots.firstNumbers.get(year)! + count - refusedInYear - 1);
    }
  }

  const next = new Map(slots.firstNumbers);
  let previousHash = slots.lastHash;
  let position = slots.lastPosition;
  const posted: { item: PostingItem; fields: PostedFields }[] = [];
  items.forEach((item, index) => {
    if (errors.has(index)) return;
    const { entry, scope } = item;
    const fiscalYear = years[index]!;
    const sequence = next.get(fiscalYear)!;
    next.set(fiscalYear, sequence + 1);
    position += 1n;
    const fields = {
      id: entry.id,
      number: entryNumber(fiscalYear, sequence),
      fiscalYear,
      sequence,
      chainPosition: position,
      previousHash,
      postedAt: new Date(),
      postedBy: scope.actor.id,
      baseTotalDebit: entry.totals.baseDebit,
      baseTotalCredit: entry.totals.baseCredit,
    };
    const hash = entryHash({
      ...fields,
      organizationId,
      entryDate: entry.date,
      memo: entry.memo,
      reference: entry.reference,
      sourceType: entry.sourceType,
      sourceId: entry.sourceId,
      reversalOfEntryId: entry.reversalOfEntryId,
      baseCurrency: entry.baseCurrency,
      lines: entry.lines.map((line) => ({ ...line, exchangeRate: line.exchangeRate ?? new Decimal(1) })),
    });
    previousHash = hash;
    posted.push({ item, fields: { ...fields, hash } });
  });
  await repository.markPosted(
    organizationId,
    posted.map(({ fields }) => fields),
  );

  const dtos = new Map<string, JournalEntryDto>();
  for (const { item, fields } of posted) {
    const dto = postedDto(organizationId, item.entry, fields);
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: journalEntryPosted,
      organizationId,
      aggregateType: "journal_entry",
      aggregateId: dto.id,
      actor: item.scope.actor,
      data: postedEvent(dto, item.entry.accountCodes),
    });
    dtos.set(dto.id, dto);
  }
  return items.map((item, index) => {
    const error = errors.get(index);
    return error ? { ok: false, error } : { ok: true, entry: dtos.get(item.entry.id)! };
  });
}

/**
 * Posts one planned entry, whose row and lines are written as a draft in this transaction
 * already, and returns it posted.
 * @throws AppError 422 PERIOD_LOCKED (on or before the lock date)
 */
export async function commitPosting(tx: Tx, scope: Scope, entry: PlannedEntry, settings: Pick<LedgerSettings, "fiscalYearStartMonth">): Promise<JournalEntryDto> {
  const [outcome] = await commitPostings(tx, scope.organizationId, [{ scope, entry }], settings, "throw");
  if (!outcome?.ok) throw outcome?.error ?? new Error("posting gave no outcome");
  return outcome.entry;
}

function postedDto(organizationId: string, entry: PlannedEntry, fields: PostedFields): JournalEntryDto {
  const entryDate = dayOf(entry.date);
  return toJournalEntryDto({
    ...fields,
    organizationId,
    status: "posted",
    entryDate,
    memo: entry.memo,
    reference: entry.reference,
    sourceType: entry.sourceType,
    sourceId: entry.sourceId,
    reversalOfEntryId: entry.reversalOfEntryId,
    baseCurrency: entry.baseCurrency,
    createdBy: entry.createdBy,
    createdAt: entry.createdAt,
    updatedAt: fields.postedAt,
    reversedBy: null,
    lines: entry.lines.map((line) => ({ ...line, organizationId, entryId: entry.id, entryDate, createdAt: entry.createdAt })),
  });
}

/**
 * The active rounding account (subtype `rounding`, lowest code), share-locked like every posted account.
 * @throws AppError 422 ROUNDING_ACCOUNT_MISSING
 */
async function roundingAccountFor(tx: Tx, scope: Scope, lock?: boolean): Promise<AccountForPosting> {
  const candidate = await accountRepository(tx).firstOfSubtype(scope.organizationId, "rounding");
  const [account] = candidate ? await journalRepository(tx).accountsForPosting(scope.organizationId, [candidate.id], { lock }) : [];
  if (!account || account.archived || account.isGroup) throw roundingAccountMissing();
  return account;
}

function postedEvent(dto: JournalEntryDto, accountCodes: ReadonlyMap<string, string>) {
  return {
    number: dto.number!,
    fiscalYear: dto.fiscalYear!,
    entryDate: dto.date,
    memo: dto.memo,
    reference: dto.reference,
    source: dto.source,
    reversalOfEntryId: dto.reversalOfEntryId,
    baseCurrency: dto.baseCurrency,
    totals: dto.totals,
    lines: dto.lines.map((line) => ({
      lineNumber: line.lineNumber,
      accountId: line.accountId,
      accountCode: accountCodes.get(line.accountId) ?? "",
      description: line.description,
      debit: line.debit,
      credit: line.credit,
      currency: line.currency,
      exchangeRate: line.exchangeRate ?? "1",
      baseDebit: line.baseDebit,
      baseCredit: line.baseCredit,
      party: line.party,
      isRounding: line.isRounding,
    })),
    hash: dto.hash!,
    postedAt: dto.postedAt!,
  };
}
