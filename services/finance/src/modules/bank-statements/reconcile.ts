/**
 * Reconciliation of a bank account's statement lines with the posted lines of its ledger account
 * (payments, expenses, revenue, transfers, opening and manual entries): proposals of the same
 * amount and sign within ±`days` days, and confirmed matches. A statement line and a ledger line
 * are each reconciled once: the bank account's row and the statement lines are locked, the
 * update only takes an unmatched line, and the unique index on journal_line_id (plus a trigger
 * refusing a change of match) hold when requests race.
 */
import { notFound } from "@erp/errors";
import { reconciliationMatched } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { bankAccountArchived } from "../bank-accounts/bank-account.errors";
import { bankAccountRepository, type BankAccountRow } from "../bank-accounts/bank-account.repository";
import { alreadyMatched, matchAmountMismatch, unknownJournalLine, unknownStatementLine } from "./statement.errors";
import { statementRepository, type BankLedgerLine } from "./statement.repository";
import type { CandidateDto, ConfirmMatchesInput, MatchesDto, ReconciliationDto } from "./statement.schemas";
import { toStatementLineDto } from "./statement-dto";

const DAY_MS = 86_400_000;
const day = (date: Date) => date.toISOString().slice(0, 10);

function toCandidate(line: BankLedgerLine, currency: string): CandidateDto {
  return {
    journalLineId: line.id,
    journalEntryId: line.entryId,
    entryNumber: line.entryNumber,
    date: day(line.date),
    amount: formatMoney(line.amount, currency),
    memo: line.memo,
    reference: line.reference,
    source: line.sourceType && line.sourceId ? { type: line.sourceType, id: line.sourceId } : null,
  };
}

/**
 * Every unreconciled statement line with the unreconciled ledger lines of the same amount and sign
 * dated within ±days, closest first; `proposed` is the closest not proposed for an earlier line.
 * @throws AppError 404 NOT_FOUND
 */
export async function proposeMatches(tx: Tx, scope: Scope, input: { id: string; days: number }): Promise<ReconciliationDto> {
  const { organizationId } = scope;
  const bank = await bankAccountRepository(tx).find(organizationId, input.id);
  if (!bank) throw notFound("Bank account");
  const repository = statementRepository(tx);
  const lines = await repository.unmatchedLines(organizationId, bank.id);
  if (lines.length === 0) return { bankAccountId: bank.id, days: input.days, lines: [] };
  const window = input.days * DAY_MS;
  const from = new Date(Math.min(...lines.map((line) => line.lineDate.getTime())) - window);
  const to = new Date(Math.max(...lines.map((line) => line.lineDate.getTime())) + window);
  const ledger = await repository.ledgerLines(organizationId, bank.accountId, { from, to });
  const proposed = new Set<string>();
  return {
    bankAccountId: bank.id,
    days: input.days,
    lines: lines.map((line) => {
      const distance = (candidate: BankLedgerLine) => Math.abs(candidate.date.getTime() - line.lineDate.getTime());
      const candidates = ledger
        .filter((candidate) => candidate.amount.eq(line.amount) && distance(candidate) <= window)
        .sort((a, b) => distance(a) - distance(b));
      const pick = candidates.find((candidate) => !proposed.has(candidate.id)) ?? null;
      if (pick) proposed.add(pick.id);
      return {
        statementLine: { ...toStatementLineDto(line, bank.currency), statementId: line.statementId },
        proposed: pick?.id ?? null,
        candidates: candidates.map((candidate) => toCandidate(candidate, bank.currency)),
      };
    }),
  };
}

/** Locks the bank account's row (reconciliations of one account queue on it). @throws AppError 404 NOT_FOUND, 409 INVALID_STATE (archived) */
export async function lockBankForReconciliation(tx: Tx, scope: Scope, id: string): Promise<BankAccountRow> {
  const bank = await bankAccountRepository(tx).lock(scope.organizationId, id);
  if (!bank) throw notFound("Bank account");
  if (bank.archivedAt) throw bankAccountArchived();
  return bank;
}

/**
 * Confirms matches; the statement lines are locked (id order) first. The dates are the caller's
 * judgement (no window here); amounts and signs must be equal.
 * @throws AppError 404 NOT_FOUND, 409 INVALID_STATE (archived), ALREADY_MATCHED; 422 UNKNOWN_STATEMENT_LINE,
 *   UNKNOWN_JOURNAL_LINE, MATCH_AMOUNT_MISMATCH (naming matches.<n>.<field>)
 */
export async function confirmMatches(tx: Tx, scope: Scope, input: { id: string } & ConfirmMatchesInput, bank?: BankAccountRow): Promise<MatchesDto> {
  const { organizationId } = scope;
  const account = bank ?? (await lockBankForReconciliation(tx, scope, input.id));
  const repository = statementRepository(tx);
  const statementLines = new Map(
    (
      await repository.lockLines(
        organizationId,
        account.id,
        input.matches.map((match) => match.statementLineId),
      )
    ).map((line) => [line.id, line]),
  );
  const ledger = new Map(
    (await repository.ledgerLines(organizationId, account.accountId, { ids: input.matches.map((match) => match.journalLineId) })).map((line) => [line.id, line]),
  );
  const matches: MatchesDto["matches"] = [];
  for (const [index, match] of input.matches.entries()) {
    const statementLine = statementLines.get(match.statementLineId);
    if (!statementLine) throw unknownStatementLine(`matches.${index}.statementLineId`);
    if (statementLine.journalLineId) throw alreadyMatched("statement line", `matches.${index}.statementLineId`);
    const journalLine = ledger.get(match.journalLineId);
    if (!journalLine) throw unknownJournalLine(`matches.${index}.journalLineId`, "is not a posted line of the bank account's ledger account (or its entry is reversed, or a reversal)");
    if (journalLine.matched) throw alreadyMatched("ledger line", `matches.${index}.journalLineId`);
    const amount = new Decimal(statementLine.amount);
    if (!journalLine.amount.eq(amount)) {
      throw matchAmountMismatch(`matches.${index}.journalLineId`, formatMoney(amount, account.currency), formatMoney(journalLine.amount, account.currency));
    }
    const { count } = await repository.match(organizationId, statementLine.id, journalLine.id, scope.actor.id);
    if (count !== 1) throw alreadyMatched("statement line", `matches.${index}.statementLineId`);
    matches.push({ statementLineId: statementLine.id, journalLineId: journalLine.id, journalEntryId: journalLine.entryId, amount: formatMoney(amount, account.currency) });
  }
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: reconciliationMatched,
    organizationId,
    aggregateType: "bank_account",
    aggregateId: account.id,
    actor: scope.actor,
    data: { matches },
  });
  return { matches };
}
