/**
 * Posting: a draft enters the ledger. Every rule is checked (ledger-rules.ts), each line gets its
 * rate and base amount, a rounding difference goes to the rounding account, and then, holding the
 * organization's chain row, the entry gets the next gap-free number of its fiscal year and its
 * place in the hash chain. The posting trigger adds it to the balances; the posted event leaves
 * with the same commit.
 */
import { uuidv7 } from "@erp/db";
import { journalEntryPosted } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { notFound } from "@erp/errors";
import { Decimal } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { accountRepository } from "../accounts/account.repository";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { assertPeriodOpen } from "../periods/assert-period-open";
import { fiscalYearOf } from "../periods/fiscal-year";
import { entryHash } from "./entry-hash";
import { entryPosted, postingRefused, roundingAccountMissing } from "./journal.errors";
import { journalRepository, type AccountForPosting, type LineData } from "./journal.repository";
import { isoDay, toJournalEntryDto, type EntryRow, type JournalEntryDto } from "./journal.schemas";
import { planPosting } from "./ledger-rules";

/** `JE-2026-000042` */
export function entryNumber(fiscalYear: number, sequence: number): string {
  return `JE-${fiscalYear}-${String(sequence).padStart(6, "0")}`;
}

/**
 * Posts the draft `id` in the caller's transaction and returns it posted.
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE (already posted); 422 with the first broken
 *   rule's code (TOO_FEW_LINES, LINE_AMOUNT_INVALID, UNKNOWN_ACCOUNT, ACCOUNT_IS_GROUP,
 *   ACCOUNT_ARCHIVED, ACCOUNT_CURRENCY_MISMATCH, AMOUNT_PRECISION, EXCHANGE_RATE_NOT_ONE,
 *   EXCHANGE_RATE_MISSING, ENTRY_NOT_BALANCED) and every broken rule in `details`;
 *   422 ROUNDING_ACCOUNT_MISSING, PERIOD_LOCKED
 */
export async function postDraft(tx: Tx, scope: Scope, input: { id: string }): Promise<JournalEntryDto> {
  const { organizationId } = scope;
  const repository = journalRepository(tx);
  const draft = await repository.findForUpdate(organizationId, input.id);
  if (!draft) throw notFound("Journal entry");
  if (draft.status === "posted") throw entryPosted(draft.number);
  const settings = await ledgerSettingsOf(tx, organizationId);
  const date = isoDay(draft.entryDate);
  const lines = [...draft.lines].sort((a, b) => a.lineNumber - b.lineNumber);

  const accounts = await repository.accountsForPosting(organizationId, [...new Set(lines.map((line) => line.accountId))]);
  const unrated = [...new Set(lines.filter((line) => line.exchangeRate === null).map((line) => line.currency))];
  const rates = await repository.ratesOn(organizationId, unrated, draft.entryDate);
  const result = planPosting({ lines, accounts: new Map(accounts.map((a) => [a.id, a])), baseCurrency: settings.baseCurrency, rates });
  if (!result.ok) throw postingRefused(result.problems);
  const { plan } = result;

  const changed = lines.flatMap((line, index) => {
    const planned = plan.lines[index]!;
    const same = line.exchangeRate?.eq(planned.exchangeRate) && line.baseDebit.eq(planned.baseDebit) && line.baseCredit.eq(planned.baseCredit);
    return same ? [] : [{ id: line.id, ...planned }];
  });
  await repository.setLineAmounts(organizationId, changed);
  const postedLines: LineData[] = lines.map((line, index) => ({ ...line, ...plan.lines[index]! }));
  const accountCodes = new Map(accounts.map((account) => [account.id, account.code]));
  if (plan.rounding) {
    const roundingAccount = await roundingAccountFor(tx, scope);
    const { side, amount } = plan.rounding;
    const roundingLine: LineData = {
      id: uuidv7(),
      lineNumber: lines.length + 1,
      accountId: roundingAccount.id,
      description: "Rounding difference",
      debit: side === "debit" ? amount : new Decimal(0),
      credit: side === "credit" ? amount : new Decimal(0),
      currency: settings.baseCurrency,
      exchangeRate: new Decimal(1),
      baseDebit: side === "debit" ? amount : new Decimal(0),
      baseCredit: side === "credit" ? amount : new Decimal(0),
      partyType: null,
      partyId: null,
      isRounding: true,
    };
    await repository.addLines(organizationId, draft.id, draft.entryDate, [roundingLine]);
    postedLines.push(roundingLine);
    accountCodes.set(roundingAccount.id, roundingAccount.code);
  }

  // The serialisation point: from here to the commit, this organization's postings and lock moves wait.
  const { fiscalYear } = fiscalYearOf(date, settings.fiscalYearStartMonth);
  const slot = await repository.takeChainSlot(organizationId, fiscalYear);
  await assertPeriodOpen(tx, scope, date);
  const posted = {
    number: entryNumber(fiscalYear, slot.number),
    fiscalYear,
    sequence: slot.number,
    chainPosition: slot.lastPosition + 1n,
    previousHash: slot.lastHash,
    postedAt: new Date(),
    postedBy: scope.actor.id,
    baseTotalDebit: plan.totals.baseDebit,
    baseTotalCredit: plan.totals.baseCredit,
  };
  const hash = entryHash({
    id: draft.id,
    organizationId,
    number: posted.number,
    fiscalYear,
    entryDate: date,
    memo: draft.memo,
    reference: draft.reference,
    sourceType: draft.sourceType,
    sourceId: draft.sourceId,
    reversalOfEntryId: draft.reversalOfEntryId,
    baseCurrency: draft.baseCurrency,
    baseTotalDebit: posted.baseTotalDebit,
    baseTotalCredit: posted.baseTotalCredit,
    chainPosition: posted.chainPosition,
    postedAt: posted.postedAt,
    postedBy: posted.postedBy,
    previousHash: posted.previousHash,
    lines: postedLines.map((line) => ({ ...line, exchangeRate: line.exchangeRate ?? new Decimal(1) })),
  });
  await repository.markPosted(organizationId, draft.id, { ...posted, hash });

  const entry: EntryRow = {
    ...draft,
    ...posted,
    status: "posted",
    hash,
    updatedAt: posted.postedAt,
    lines: postedLines.map((line) => ({ ...line, organizationId, entryId: draft.id, entryDate: draft.entryDate, createdAt: posted.postedAt })),
  };
  const dto = toJournalEntryDto(entry);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: journalEntryPosted,
    organizationId,
    aggregateType: "journal_entry",
    aggregateId: dto.id,
    actor: scope.actor,
    data: postedEvent(dto, accountCodes),
  });
  return dto;
}

/**
 * The active rounding account (subtype `rounding`, lowest code). Locked like every posted account.
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
