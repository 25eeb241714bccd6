/**
 * Voiding a payment: its entry and its allocations' exchange differences reversed, its allocations
 * undone (the documents due again), the payment kept with status void.
 */
import { paymentVoided } from "@erp/event-catalog";
import { appendToOutbox } from "@erp/events";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { refuseIfReconciled } from "../bank-statements/refuse-reconciled";
import { lockDocumentsForSettlement, revertSettlement } from "../documents/settlement";
import { reverseEntry } from "../journal/reverse-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { lockPostedPayment } from "./allocate-payment";
import { paymentRepository } from "./payment.repository";
import { toPaymentDto, type PaymentDto, type VoidPaymentInput } from "./payment.schemas";

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Reversals are dated today, or the reversed entry's date when that is later (a payment dated ahead).
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE (void already), PAYMENT_RECONCILED; the posting rules' 422 for the
 *   reversals (PERIOD_LOCKED)
 */
export async function voidPayment(tx: Tx, scope: Scope, input: { id: string } & VoidPaymentInput): Promise<PaymentDto> {
  const { organizationId } = scope;
  const repository = paymentRepository(tx);
  const payment = await lockPostedPayment(tx, scope, input.id);
  await refuseIfReconciled(tx, organizationId, payment.journalEntryId, "payment");
  const live = payment.allocations.filter((a) => !a.voidedAt);
  await lockDocumentsForSettlement(
    tx,
    scope,
    live.map((a) => a.documentId),
  );

  const today = day(new Date());
  const onOrAfter = (date: Date) => (day(date) > today ? day(date) : today);
  const memo = `Void of payment ${payment.number}: ${input.reason}`;
  const reversal = await reverseEntry(tx, scope, { id: payment.journalEntryId, date: onOrAfter(payment.paymentDate), memo }, { forDocument: true });
  for (const allocation of live) {
    if (allocation.fxEntryId) await reverseEntry(tx, scope, { id: allocation.fxEntryId, date: onOrAfter(allocation.allocationDate), memo }, { forDocument: true });
    await revertSettlement(tx, scope, { documentId: allocation.documentId, amount: allocation.amount, baseAmount: allocation.baseAmount, source: "payment" });
  }
  const now = new Date();
  await repository.voidAllocations(organizationId, payment.id, now);
  await repository.update(organizationId, payment.id, {
    status: "void",
    // A void payment holds nothing: its allocations are undone (listed with voidedAt), nothing is left to allocate.
    amountAllocated: new Decimal(0),
    amountUnallocated: new Decimal(0),
    voidEntryId: reversal.id,
    voidedAt: now,
    voidedBy: scope.actor.id,
    voidReason: input.reason,
  });

  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: paymentVoided,
    organizationId,
    aggregateType: "payment",
    aggregateId: payment.id,
    actor: scope.actor,
    data: {
      number: payment.number,
      direction: payment.direction,
      partyId: payment.partyId,
      amount: formatMoney(payment.amount, payment.currency),
      currency: payment.currency,
      reason: input.reason,
      reversalEntryId: reversal.id,
      documentIds: [...new Set(live.map((a) => a.documentId))],
    },
  });
  const { baseCurrency } = await ledgerSettingsOf(tx, organizationId);
  return toPaymentDto((await repository.find(organizationId, payment.id))!, baseCurrency);
}
