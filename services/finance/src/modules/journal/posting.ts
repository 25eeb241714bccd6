/**
 * The two halves of every posting (a draft's, another service's, a reversal's, a batch's), in the
 * caller's transaction. `planEntry` checks the rules (ledger-rules.ts) against the accounts,
 * share-locked so that archiving waits, and the rates, and gives each line its rate and base
 * amount, adding the rounding line when conversion left a difference. `commitPostings` then takes
 * the organization's chain row (every posting and lock move of the organization queues there until
 * the transaction ends), checks the lock date, gives each entry the next gap-free number of its
 * fiscal year and its hash, marks them posted (the trigger adds them to the balances) and writes
 * the posted events (with the organization's first entry, `finance.ledger.opened` too). As little
 * as possible happens between the chain row and the commit: four statements whatever the number of
 * entries (chain row; lock date and numbers; posted marks and chain head; events), plus a draft's planned amounts when planning changed them.
 */
import type { z } from "zod";
import { uuidv7 } from "@erp/db";
import { AppError } from "@erp/errors";
import { journalEntryPosted, ledgerOpened } from "@erp/event-catalog";
import { appendManyToOutbox, type OutboxEntry } from "@erp/events";
import { Decimal } from "@erp/money";
import type { OrganizationId, Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import type { LedgerSettings } from "../../generated/prisma/client";
import { accountRepository } from "../accounts/account.repository";
import { assertDateOpen } from "../periods/assert-period-open";
import { fiscalYearOf } from "../periods/fiscal-year";
import { entryHash } from "./entry-hash";
import { postingRefused, roundingAccountMissing } from "./journal.errors";
import { journalRepository, type AccountForPosting, type LineData, type PostedFields } from "./journal.repository";
import { dayOf, toJournalEntryDto, type JournalEntryDto } from "./journal.schemas";
import { planPosting, type PostingPlan } from "./ledger-rules";

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
 * its rate and base amounts, plus the rounding line when needed. The accounts are share-locked.
 * @throws AppError 422 with the first broken rule's code and every broken rule in `details`;
 *   422 ROUNDING_ACCOUNT_MISSING
 */
export async function planEntry(
  tx: Tx,
  scope: Scope,
  input: { date: string; lines: LineData[]; settings: Pick<LedgerSettings, "baseCurrency">; controlAccounts?: boolean },
): Promise<Pick<PlannedEntry, "lines" | "totals" | "accountCodes" | "roundingLine">> {
  const { organizationId } = scope;
  const { baseCurrency } = input.settings;
  const repository = journalRepository(tx);
  const accounts = await repository.accountsForPosting(organizationId, [...new Set(input.lines.map((line) => line.accountId))]);
  const unrated = [...new Set(input.lines.filter((line) => line.exchangeRate === null).map((line) => line.currency))];
  const rates = await repository.ratesOn(organizationId, unrated, dayOf(input.date));
  const result = planPosting({
    lines: input.lines,
    accounts: new Map(accounts.map((a) => [a.id, a])),
    baseCurrency,
    rates,
    controlAccounts: input.controlAccounts,
  });
  if (!result.ok) throw postingRefused(result.problems);
  const { plan } = result;
  const rounding = plan.rounding ? await roundingAccountFor(tx, scope) : null;
  const accountCodes = new Map(accounts.map((account) => [account.id, account.code]));
  if (rounding) accountCodes.set(rounding.id, rounding.code);
  return { ...applyPlan(input.lines, plan, baseCurrency, rounding), totals: plan.totals, accountCodes };
}

/** An entry's lines to plan in a batch, for whom (`scope`), on `date` (`YYYY-MM-DD`). */
interface PlanRequest {
  scope: Scope;
  date: string;
  lines: LineData[];
  /** It may post to control accounts (`mayPostToControlAccounts`); default false. */
  controlAccounts?: boolean;
}

/** A planned entry's lines and totals (the rest of a `PlannedEntry` is its header). */
export type PlannedLines = Pick<PlannedEntry, "lines" | "totals" | "accountCodes" | "roundingLine">;

/**
 * `planEntry` for several entries at once, in the batch's transaction: their accounts read (and
 * share-locked) in one query, the rates once per date, the rounding account when one needs it.
 * Returns, per request in order, its planned lines or why it is refused.
 * @throws what the database throws (a refusal is returned, not thrown)
 */
export async function planEntries(
  tx: Tx,
  organizationId: OrganizationId,
  settings: Pick<LedgerSettings, "baseCurrency">,
  requests: readonly PlanRequest[],
): Promise<({ planned: PlannedLines } | { error: AppError })[]> {
  if (requests.length === 0) return [];
  const { baseCurrency } = settings;
  const repository = journalRepository(tx);
  const accountIds = [...new Set(requests.flatMap(({ lines }) => lines.map((line) => line.accountId)))];
  const accounts = new Map((await repository.accountsForPosting(organizationId, accountIds)).map((account) => [account.id, account]));
  const unrated = new Map<string, Set<string>>();
  for (const { date, lines } of requests) {
    for (const line of lines) if (line.exchangeRate === null) unrated.set(date, (unrated.get(date) ?? new Set()).add(line.currency));
  }
  const rates = new Map<string, ReadonlyMap<string, Decimal>>();
  for (const [date, currencies] of unrated) rates.set(date, await repository.ratesOn(organizationId, [...currencies], dayOf(date)));

  let rounding: Promise<AccountForPosting> | undefined;
  const results: ({ planned: PlannedLines } | { error: AppError })[] = [];
  for (const { scope, date, lines, controlAccounts } of requests) {
    const checked = planPosting({ lines, accounts, baseCurrency, rates: rates.get(date) ?? new Map(), controlAccounts });
    if (!checked.ok) {
      results.push({ error: postingRefused(checked.problems) });
      continue;
    }
    const { plan } = checked;
    let roundingAccount: AccountForPosting | null = null;
    if (plan.rounding) {
      rounding ??= roundingAccountFor(tx, scope);
      try {
        roundingAccount = await rounding;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ error: err });
        continue;
      }
    }
    const applied = applyPlan(lines, plan, baseCurrency, roundingAccount);
    const accountCodes = new Map(applied.lines.map((line) => [line.accountId, (line.isRounding ? roundingAccount : accounts.get(line.accountId))?.code ?? ""]));
    results.push({ planned: { ...applied, totals: plan.totals, accountCodes } });
  }
  return results;
}

/**
 * `lines` with the plan's rates and base amounts, and the rounding line on `roundingAccount` when
 * the plan has one (then `roundingAccount` must be given).
 * @throws Error when the plan has a rounding line and no account is given
 */
function applyPlan(
  lines: readonly LineData[],
  plan: PostingPlan,
  baseCurrency: string,
  roundingAccount: AccountForPosting | null,
): { lines: LineData[]; roundingLine: LineData | null } {
  const planned: LineData[] = lines.map((line, index) => ({ ...line, ...plan.lines[index]! }));
  if (!plan.rounding) return { lines: planned, roundingLine: null };
  if (!roundingAccount) throw new Error("the plan has a rounding line and no rounding account was given");
  const { side, amount } = plan.rounding;
  const zero = new Decimal(0);
  const roundingLine: LineData = {
    id: uuidv7(),
    lineNumber: planned.length + 1,
    accountId: roundingAccount.id,
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
  return { lines: [...planned, roundingLine], roundingLine };
}

/**
 * One entry of a batch: who posts it (its actor) and the entry. Its row is written already: as a
 * new draft in this transaction (`stored` absent; a refused one is deleted), or it is the user's
 * draft, whose lines as `stored` are left untouched until the entry is sure to be posted (then the
 * planned rates and base amounts, and the rounding line, are written), so a refused draft stays as
 * it was.
 */
export interface PostingItem {
  scope: Scope;
  entry: PlannedEntry;
  stored?: readonly LineData[];
}

/** Each item's result, in the items' order: posted, or refused. */
export type PostingOutcome = { ok: true; entry: JournalEntryDto } | { ok: false; error: AppError };

/**
 * Posts the items, in order: takes the organization's chain row, then the lock date and the
 * numbers of the entries dated after it, hashes each onto the chain, marks them posted (the trigger
 * adds them to the balances) and writes one posted event each. An entry on or before the lock date
 * is refused (PERIOD_LOCKED): `refused: "throw"` throws it; `"drop"` reports it, posting the others
 * (its new draft deleted, a user's draft left as it was; it took no number).
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
  const chain = await repository.takeChain(organizationId);
  // The lock date, read in a statement after the chain row is ours: a lock move cannot slip in before the commit.
  const numbers = await repository.takeNumbers(
    organizationId,
    items.map(({ entry }, index) => ({ fiscalYear: years[index]!, date: entry.date })),
  );

  const errors = new Map<number, AppError>();
  items.forEach(({ entry }, index) => {
    try {
      assertDateOpen(entry.date, numbers.lockedThrough);
    } catch (err) {
      if (refused === "throw" || !(err instanceof AppError)) throw err;
      errors.set(index, err);
    }
  });
  const refusedNew = [...errors.keys()].filter((index) => !items[index]!.stored).map((index) => items[index]!.entry.id);
  if (refusedNew.length > 0) await repository.deleteDrafts(organizationId, refusedNew);
  await writePlannedAmounts(tx, organizationId, items.filter((_, index) => !errors.has(index)));

  const next = new Map(numbers.firstNumbers);
  let previousHash = chain.lastHash;
  let position = chain.lastPosition;
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
  const events: OutboxEntry<z.ZodType>[] = posted.map(({ item, fields }): OutboxEntry<typeof journalEntryPosted.data> => {
    const dto = postedDto(organizationId, item.entry, fields);
    dtos.set(dto.id, dto);
    return {
      event: journalEntryPosted,
      organizationId,
      aggregateType: "journal_entry",
      aggregateId: dto.id,
      actor: item.scope.actor,
      data: postedEvent(dto, item.entry.accountCodes),
    };
  });
  // The chain row leaving position 0 is the organization's first posting ever, and the chain row
  // serialises postings: the books open exactly once, in the same statement as the posted events.
  const [first] = posted;
  if (chain.lastPosition === 0n && first) events.push(ledgerOpenedEvent(organizationId, first.item, first.fields));
  await appendManyToOutbox(tx, OUTBOX_SCHEMA, events);
  return items.map((item, index) => {
    const error = errors.get(index);
    return error ? { ok: false, error } : { ok: true, entry: dtos.get(item.entry.id)! };
  });
}

/** `finance.ledger.opened`: the base currency the books are kept in from `first`, the first posted entry, on. */
function ledgerOpenedEvent(organizationId: OrganizationId, first: PostingItem, fields: PostedFields): OutboxEntry<typeof ledgerOpened.data> {
  return {
    event: ledgerOpened,
    organizationId,
    aggregateType: "ledger",
    aggregateId: organizationId,
    actor: first.scope.actor,
    data: { baseCurrency: first.entry.baseCurrency, firstEntryNumber: fields.number, openedAt: fields.postedAt.toISOString() },
  };
}

/** Writes onto users' drafts what planning changed: rates and base amounts, the rounding line. */
async function writePlannedAmounts(tx: Tx, organizationId: OrganizationId, items: PostingItem[]): Promise<void> {
  const changed: LineData[] = [];
  const added: (LineData & { entryId: string; entryDate: Date })[] = [];
  for (const { entry, stored } of items) {
    if (!stored) continue;
    entry.lines.forEach((line, index) => {
      const before = stored[index];
      if (!before) return;
      if (!(before.exchangeRate?.eq(line.exchangeRate!) && before.baseDebit.eq(line.baseDebit) && before.baseCredit.eq(line.baseCredit))) changed.push(line);
    });
    if (entry.roundingLine) added.push({ ...entry.roundingLine, entryId: entry.id, entryDate: dayOf(entry.date) });
  }
  const repository = journalRepository(tx);
  await repository.setLineAmounts(
    organizationId,
    changed.map((line) => ({ id: line.id, exchangeRate: line.exchangeRate!, baseDebit: line.baseDebit, baseCredit: line.baseCredit })),
  );
  await repository.addLinesToEntries(organizationId, added);
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
async function roundingAccountFor(tx: Tx, scope: Scope): Promise<AccountForPosting> {
  const candidate = await accountRepository(tx).firstOfSubtype(scope.organizationId, "rounding");
  const [account] = candidate ? await journalRepository(tx).accountsForPosting(scope.organizationId, [candidate.id]) : [];
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
