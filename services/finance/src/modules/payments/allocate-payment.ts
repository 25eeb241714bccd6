/** Allocating a payment's unallocated part (the party's credit) to documents of the party, after it was recorded. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { lockDocumentsForSettlement } from "../documents/settlement";
import { findEntryBySource } from "../journal/post-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { assertNotInFuture } from "../periods/not-in-future";
import { applyAllocations } from "./apply-allocations";
import { allocationBeforePayment, paymentVoid } from "./payment.errors";
import { paymentRepository } from "./payment.repository";
import { toPaymentDto, type AllocatePaymentInput, type PaymentDto, type PaymentRow } from "./payment.schemas";

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The payment `id`, its row locked FOR UPDATE: the first lock an allocation or a void takes (then
 * the documents, then the ledger).
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE when it is void
 */
export async function lockPostedPayment(tx: Tx, scope: Scope, id: string): Promise<PaymentRow> {
  const payment = await paymentRepository(tx).lock(scope.organizationId, id);
  if (!payment) throw notFound("Payment");
  if (payment.status === "void") throw paymentVoid();
  return payment;
}

/**
 * Locks the payment, then the documents (in id order), so concurrent allocations of the same
 * payment or document queue and each sees what the one before left.
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE (void); 422 ALLOCATION_DATE_BEFORE_PAYMENT, DATE_IN_FUTURE and
 *   the allocation rules (applyAllocations)
 */
export async function allocatePayment(tx: Tx, scope: Scope, input: { id: string } & AllocatePaymentInput): Promise<PaymentDto> {
  const { organizationId } = scope;
  const payment = await lockPostedPayment(tx, scope, input.id);
  const paymentDay = payment.paymentDate.toISOString().slice(0, 10);
  if (input.date !== undefined && input.date < paymentDay) throw allocationBeforePayment(paymentDay);
  if (input.date !== undefined) assertNotInFuture(input.date, "date");
  const date = input.date ?? (today() > paymentDay ? today() : paymentDay);

  const documents = await lockDocumentsForSettlement(
    tx,
    scope,
    input.allocations.map((item) => item.documentId),
  );
  const { baseCurrency } = await ledgerSettingsOf(tx, organizationId);
  const entry = (await findEntryBySource(tx, scope, { type: "payment", id: payment.id }))!;
  const partyAccountId = entry.lines.find((line) => line.party)!.accountId;
  const previous = payment.allocations.filter((a) => !a.voidedAt);
  await applyAllocations(tx, scope, { payment, previous, partyAccountId, documents, date, baseCurrency }, input.allocations);
  return toPaymentDto((await paymentRepository(tx).find(organizationId, payment.id))!, baseCurrency);
}
