/**
 * The two halves of every posting (a draft's, another service's, a reversal's), in the caller's
 * transaction. `planEntry` checks the rules (ledger-rules.ts) against the accounts, share-locked so
 * that archiving waits, and the rates, and gives each line its rate and base amount, adding the
 * rounding line when conversion left a difference. `commitPosting` then takes the organization's
 * chain row (every posting and lock move of the organization queues there until this transaction
 * ends), checks the lock date, gives the entry the next gap-free number of its fiscal year and its
 * hash, marks it posted (the trigger adds it to the balances) and writes the posted event. As
 * little as possible happens between the chain row and the commit.
 */
import { uuidv7 } from "@erp/db";
import { journalEntryPosted } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { Decimal } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import type { LedgerSettings } from "../../generated/prisma/client";
import { accountRepository } from "../accounts/account.repository";
import { assertPeriodOpen } from "../periods/assert-period-open";
import { fiscalYearOf } from "../periods/fiscal-year";
import { entryHash } from "./entry-hash";
import { postingRefused, roundingAccountMissing } from "./journal.errors";
import { journalRepository, type AccountForPosting, type LineData } from "./journal.repository";
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
 * its rate and base amounts, plus the rounding line when needed.
 * @throws AppError 422 with the first broken rule's code and every broken rule in `details`;
 *   422 ROUNDING_ACCOUNT_MISSING
 */
export async function planEntry(
  tx: Tx,
  scope: Scope,
  input: { date: string; lines: LineData[]; settings: Pick<LedgerSettings, "baseCurrency"> },
): Promise<Pick<PlannedEntry, "lines" | "totals" | "accountCodes" | "roundingLine">> {
  const { organizationId } = scope;
  const { baseCurrency } = input.settings;
  const repository = journalRepository(tx);
  const accounts = await repository.accountsForPosting(organizationId, [...new Set(input.lines.map((line) => line.accountId))]);
  const unrated = [...new Set(input.lines.filter((line) => line.exchangeRate === null).map((line) => line.currency))];
  const rates = await repository.ratesOn(organizationId, unrated, dayOf(input.date));
  const result = planPosting({ lines: input.lines, accounts: new Map(accounts.map((a) => [a.id, a])), baseCurrency, rates });
  if (!result.ok) throw postingRefused(result.problems);
  const { plan } = result;
  const lines: LineData[] = input.lines.map((line, index) => ({ ...line, ...plan.lines[index]! }));
  const accountCodes = new Map(accounts.map((account) => [account.id, account.code]));
  let roundingLine: LineData | null = null;
  if (plan.rounding) {
    const account = await roundingAccountFor(tx, scope);
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

/**
 * Posts the planned entry, whose row and lines are written as a draft in this transaction
 * already, and returns it posted.
 * @throws AppError 422 PERIOD_LOCKED (on or before the lock date)
 */
export async function commitPosting(tx: Tx, scope: Scope, entry: PlannedEntry, settings: Pick<LedgerSettings, "fiscalYearStartMonth">): Promise<JournalEntryDto> {
  const { organizationId } = scope;
  const repository = journalRepository(tx);
  const { fiscalYear } = fiscalYearOf(entry.date, settings.fiscalYearStartMonth);
  const slot = await repository.takeChainSlot(organizationId, fiscalYear);
  await assertPeriodOpen(tx, scope, entry.date);
  const posted = {
    number: entryNumber(fiscalYear, slot.number),
    fiscalYear,
    sequence: slot.number,
    chainPosition: slot.lastPosition + 1n,
    previousHash: slot.lastHash,
    postedAt: new Date(),
    postedBy: scope.actor.id,
    baseTotalDebit: entry.totals.baseDebit,
    baseTotalCredit: entry.totals.baseCredit,
  };
  const hash = entryHash({
    ...posted,
    id: entry.id,
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
  await repository.markPosted(organizationId, entry.id, { ...posted, hash });

  const entryDate = dayOf(entry.date);
  const dto = toJournalEntryDto({
    ...posted,
    id: entry.id,
    organizationId,
    status: "posted",
    entryDate,
    memo: entry.memo,
    reference: entry.reference,
    sourceType: entry.sourceType,
    sourceId: entry.sourceId,
    reversalOfEntryId: entry.reversalOfEntryId,
    baseCurrency: entry.baseCurrency,
    hash,
    createdBy: entry.createdBy,
    createdAt: entry.createdAt,
    updatedAt: posted.postedAt,
    reversedBy: null,
    lines: entry.lines.map((line) => ({ ...line, organizationId, entryId: entry.id, entryDate, createdAt: entry.createdAt })),
  });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: journalEntryPosted,
    organizationId,
    aggregateType: "journal_entry",
    aggregateId: dto.id,
    actor: scope.actor,
    data: postedEvent(dto, entry.accountCodes),
  });
  return dto;
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
