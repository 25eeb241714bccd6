/**
 * A claim's transitions, each under the claim's row lock and recorded (from, to, who, when, why):
 * submit (the claimant: numbered RMB-<fiscal year>-0001), approve (posted: Dr each line's expense
 * account with its net and the rates' tax accounts with the tax / Cr employee payable with the
 * claimant as the line's party; source `reimbursement`), reject (with a reason), pay (Dr employee
 * payable / Cr bank or cash; source `reimbursement_payment`; a foreign claim paid at another rate
 * posts the base difference to exchange gain/loss). Nobody approves, rejects or pays their own claim.
 */
import { uuidv7 } from "@erp/db";
import { notFound } from "@erp/errors";
import { appendToOutbox, type EventDefinition } from "@erp/events";
import { reimbursementApproved, reimbursementPaid, reimbursementRejected, reimbursementSubmitted } from "@erp/event-catalog";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { accountRepository } from "../accounts/account.repository";
import { defaultAccountMissing } from "../documents/document.errors";
import { nextDocumentNumber } from "../documents/document-numbers";
import { dayOf } from "../journal/journal.schemas";
import { postEntryOnce } from "../journal/post-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { paymentRate, requirePaymentAccount } from "../payments/record-payment";
import { fiscalYearOf } from "../periods/fiscal-year";
import { assertNotInFuture } from "../periods/not-in-future";
import { requireUsableTaxRate } from "../tax-rates/manage-tax-rates";
import { roundToMinorUnit } from "../tax-rates/tax-calculation";
import { ownDraft, reimbursementDto, today } from "./manage-reimbursements";
import { illegalTransition, ownClaim, paymentBeforeApproval } from "./reimbursement.errors";
import { reimbursementRepository } from "./reimbursement.repository";
import type {
  ApproveReimbursementBody,
  PayReimbursementBody,
  RejectReimbursementBody,
  ReimbursementDto,
  ReimbursementRow,
  ReimbursementStatus,
} from "./reimbursement.schemas";

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Another's claim in `from`, locked. @throws 404; 403 (the caller's own claim); 409 INVALID_STATE */
async function othersClaim(tx: Tx, scope: Scope, id: string, what: string, from: ReimbursementStatus): Promise<ReimbursementRow> {
  const row = await reimbursementRepository(tx).lock(scope.organizationId, id);
  if (!row) throw notFound("Reimbursement");
  if (row.claimantId === scope.actor.id) throw ownClaim(what);
  if (row.status !== from) throw illegalTransition(what, row.status, from);
  return row;
}

function figures(row: ReimbursementRow) {
  return {
    number: row.number!,
    claimantId: row.claimantId,
    netAmount: formatMoney(row.netAmount, row.currency),
    taxAmount: formatMoney(row.taxAmount, row.currency),
    total: formatMoney(row.total, row.currency),
    currency: row.currency,
  };
}

/** The status change, its history row and its event; the claim as it is now. */
async function transition(
  tx: Tx,
  scope: Scope,
  row: ReimbursementRow,
  change: { to: ReimbursementStatus; reason?: string; data?: Record<string, unknown>; event: EventDefinition; eventData: Record<string, unknown> },
): Promise<ReimbursementDto> {
  const repository = reimbursementRepository(tx);
  const updated = await repository.update(scope.organizationId, row.id, { status: change.to, ...change.data });
  await repository.addTransition(scope.organizationId, {
    id: uuidv7(),
    reimbursementId: row.id,
    fromStatus: row.status,
    toStatus: change.to,
    actorType: scope.actor.type,
    actorId: scope.actor.id,
    reason: change.reason ?? null,
  });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: change.event,
    organizationId: scope.organizationId,
    aggregateType: "reimbursement",
    aggregateId: row.id,
    actor: scope.actor,
    data: { ...figures({ ...row, number: updated.number }), ...change.eventData },
  });
  return reimbursementDto(tx, scope, row.id);
}

/** The claimant submits their draft: numbered in the fiscal year of the claim's date. @throws 404, 403, 409 */
export async function submitReimbursement(tx: Tx, scope: Scope, id: string): Promise<ReimbursementDto> {
  const row = await ownDraft(tx, scope, id, "submit");
  const settings = await ledgerSettingsOf(tx, scope.organizationId);
  const { fiscalYear } = fiscalYearOf(day(row.date), settings.fiscalYearStartMonth);
  const { number, sequence } = await nextDocumentNumber(tx, scope.organizationId, "RMB", fiscalYear);
  return transition(tx, scope, row, { to: "submitted", data: { number, fiscalYear, sequence }, event: reimbursementSubmitted, eventData: { number } });
}

/**
 * Approves and posts another's submitted claim, dated `date` (default today).
 * @throws 404; 403 (own claim); 409 INVALID_STATE; 422 DATE_IN_FUTURE (date), EXCHANGE_RATE_MISSING / INVALID_EXCHANGE_RATE,
 *   DEFAULT_ACCOUNT_MISSING (no employee payable account), a line's tax rate no longer usable, the posting rules (PERIOD_LOCKED)
 */
export async function approveReimbursement(tx: Tx, scope: Scope, id: string, input: ApproveReimbursementBody): Promise<ReimbursementDto> {
  const row = await othersClaim(tx, scope, id, "approve", "submitted");
  if (input.date !== undefined) assertNotInFuture(input.date, "date");
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  const date = input.date ?? today();
  const { currency } = row;
  const exchangeRate = await paymentRate(tx, scope, { currency, baseCurrency, given: input.exchangeRate, date });
  const payable = await accountRepository(tx).firstOfSubtype(scope.organizationId, "employee_payable");
  if (!payable) throw defaultAccountMissing("employee_payable", "id");

  const money = { currency, exchangeRate: exchangeRate.toFixed() };
  const lines = [...row.lines].sort((a, b) => a.position - b.position);
  const taxByAccount = new Map<string, Decimal>();
  for (const [index, line] of lines.entries()) {
    if (!line.taxRateId || !line.taxAmount.gt(0)) continue;
    const rate = await requireUsableTaxRate(tx, scope, { id: line.taxRateId, usage: "purchase", path: `lines.${index}.taxRateId` });
    taxByAccount.set(rate.taxAccountId, (taxByAccount.get(rate.taxAccountId) ?? new Decimal(0)).plus(line.taxAmount));
  }
  const value = (amount: Decimal) => formatMoney(amount, currency);
  const { entry } = await postEntryOnce(tx, scope, {
    date,
    memo: `Reimbursement ${row.number}${row.description ? `: ${row.description}` : ""}`,
    reference: row.number!,
    source: { type: "reimbursement", id: row.id },
    lines: [
      ...lines.map((line) => ({ ...money, accountId: line.accountId, debit: value(line.netAmount), description: line.description })),
      ...[...taxByAccount].map(([accountId, tax]) => ({ ...money, accountId, debit: value(tax) })),
      { ...money, accountId: payable.id, credit: value(row.total), party: { type: "employee" as const, id: row.claimantId } },
    ],
  });
  const payableLine = entry.lines.find((line) => line.accountId === payable.id && line.party?.id === row.claimantId)!;
  const baseTotal = new Decimal(payableLine.baseCredit);
  return transition(tx, scope, row, {
    to: "approved",
    data: { exchangeRate, baseTotal, approvedDate: dayOf(date), journalEntryId: entry.id },
    event: reimbursementApproved,
    eventData: { exchangeRate: exchangeRate.toFixed(), baseTotal: formatMoney(baseTotal, baseCurrency), date, journalEntryId: entry.id },
  });
}

/** Rejects another's submitted claim with a reason (final: the claimant files a new claim). @throws 404, 403, 409 */
export async function rejectReimbursement(tx: Tx, scope: Scope, id: string, input: RejectReimbursementBody): Promise<ReimbursementDto> {
  const row = await othersClaim(tx, scope, id, "reject", "submitted");
  return transition(tx, scope, row, { to: "rejected", reason: input.reason, data: { rejectionReason: input.reason }, event: reimbursementRejected, eventData: { reason: input.reason } });
}

/**
 * Pays another's approved claim from a bank or cash account: the payable line at the approval's
 * rate (so the employee's payable goes back to 0 in both currencies), the bank line at the
 * payment's, the base difference on exchange gain/loss.
 * @throws 404; 403 (own claim); 409 INVALID_STATE; 422 DATE_IN_FUTURE, PAYMENT_BEFORE_APPROVAL (date), UNKNOWN_ACCOUNT / INVALID_PAYMENT_ACCOUNT
 *   (bankAccountId), EXCHANGE_RATE_MISSING / INVALID_EXCHANGE_RATE, the posting rules (PERIOD_LOCKED)
 */
export async function payReimbursement(tx: Tx, scope: Scope, id: string, input: PayReimbursementBody): Promise<ReimbursementDto> {
  const row = await othersClaim(tx, scope, id, "pay", "approved");
  assertNotInFuture(input.date, "date");
  const approvedDate = day(row.approvedDate!);
  if (input.date < approvedDate) throw paymentBeforeApproval(approvedDate);
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  const { currency } = row;
  const bank = await requirePaymentAccount(tx, scope, input.bankAccountId, currency, "bankAccountId");
  const rate = await paymentRate(tx, scope, { currency, baseCurrency, given: input.exchangeRate, date: input.date });
  const accounts = accountRepository(tx);
  const payable = await accounts.firstOfSubtype(scope.organizationId, "employee_payable");
  if (!payable) throw defaultAccountMissing("employee_payable", "id");
  const total = formatMoney(row.total, currency);
  const difference = row.baseTotal!.minus(roundToMinorUnit(row.total.times(rate), baseCurrency));
  const fxLines = [];
  if (!difference.isZero()) {
    const exchange = await accounts.firstOfSubtype(scope.organizationId, "exchange_gain_loss");
    if (!exchange) throw defaultAccountMissing("exchange_gain_loss", "exchangeRate");
    const amount = formatMoney(difference.abs(), baseCurrency);
    fxLines.push({ accountId: exchange.id, currency: baseCurrency, exchangeRate: "1", ...(difference.gt(0) ? { credit: amount } : { debit: amount }) });
  }
  const { entry } = await postEntryOnce(tx, scope, {
    date: input.date,
    memo: `Payment of reimbursement ${row.number}`,
    reference: row.number!,
    source: { type: "reimbursement_payment", id: row.id },
    lines: [
      { accountId: payable.id, currency, exchangeRate: row.exchangeRate!.toFixed(), debit: total, party: { type: "employee" as const, id: row.claimantId } },
      { accountId: bank.id, currency, exchangeRate: rate.toFixed(), credit: total },
      ...fxLines,
    ],
  });
  return transition(tx, scope, row, {
    to: "paid",
    data: { bankAccountId: bank.id, paidDate: dayOf(input.date), paymentExchangeRate: rate, paymentEntryId: entry.id },
    event: reimbursementPaid,
    eventData: { bankAccountId: bank.id, date: input.date, journalEntryId: entry.id },
  });
}
