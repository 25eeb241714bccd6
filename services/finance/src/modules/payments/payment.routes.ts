/** Payments (`/payments`): money received from customers and paid to suppliers, and their allocations to invoices and bills. */
import { pageSchema, created, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { reconciledCode } from "../bank-statements/refuse-reconciled";
import { PARTY_CODES } from "../parties/party.errors";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, QUEUED_TRANSACTION, type Ledger } from "../ledger/ledger-transaction";
import { DATE_IN_FUTURE } from "../periods/period.errors";
import { allocatePayment } from "./allocate-payment";
import { getPayment, listPayments } from "./get-payment";
import { ALLOCATION_CODES, ALLOCATION_DATE_BEFORE_PAYMENT, INVALID_EXCHANGE_RATE, INVALID_PAYMENT_ACCOUNT, UNKNOWN_ACCOUNT } from "./payment.errors";
import { allocatePaymentBody, CROSS_CURRENCY_RULE, paymentDto, paymentIdParams, paymentListQuery, recordPaymentBody, voidPaymentBody } from "./payment.schemas";
import { recordPayment } from "./record-payment";
import { voidPayment } from "./void-payment";

const tags = ["Payments"];
const notFound = { 404: { description: "No such payment, or another organization's (NOT_FOUND)" } };
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };
const isVoid = { 409: { description: "The payment is void (INVALID_STATE)", codes: ["INVALID_STATE"] } };
// Payments queue on their documents' rows and the series' counter row: a burst waits its turn
// rather than failing after Prisma's default 2 s for a connection and 5 s for the transaction.
const LIMITS =
  "An allocation never exceeds the document's amount due (ALLOCATION_EXCEEDS_DUE) nor what the payment has left (ALLOCATION_EXCEEDS_PAYMENT), " +
  "also when requests race: the payment and the documents are locked while it is checked and written, so one of two requests for the last amount due gets 422.";

export function registerPaymentRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "get",
    path: "/payments",
    summary: "List payments",
    description: "Payments with their allocations. Filters: direction, partyId, status, from/to (payment dates); q searches number and reference.",
    tags,
    access: { permission: permissions.paymentRead },
    request: { query: paymentListQuery },
    responses: { 200: { description: "A page of payments", schema: pageSchema(paymentDto) }, ...unavailable },
    handler: ({ scope, query }) => inLedger(ledger, scope, (tx) => listPayments(tx, scope, query)),
  });

  route({
    method: "post",
    path: "/payments",
    summary: "Record a payment received or made, with its allocations",
    description:
      "Numbered RCPT-<fiscal year>-0001 (received) or PAY-<fiscal year>-0001 (made), gap-free. Posts (source payment) the bank or cash account " +
      "against the receivable (received: debit bank, credit receivable) or the payable (made: debit payable, credit bank), in the payment's currency " +
      "at its rate, the party on the receivable (payable) line; then each allocation. What is not allocated stays as the party's credit " +
      `(POST /payments/{id}/allocations). ${LIMITS} ${CROSS_CURRENCY_RULE}`,
    tags,
    access: { permission: permissions.paymentRecord },
    idempotent: true,
    request: { body: recordPaymentBody },
    responses: {
      201: { description: "The payment with its allocations", schema: paymentDto },
      422: {
        description: "A rule is broken; `error.details` names the field (paymentDate, partyId, accountId, amount, exchangeRate, allocations.<n>.<field>)",
        codes: [DATE_IN_FUTURE, ...PARTY_CODES, UNKNOWN_ACCOUNT, INVALID_PAYMENT_ACCOUNT, INVALID_EXCHANGE_RATE, ...ALLOCATION_CODES, "PERIOD_LOCKED"],
      },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const payment = await inLedger(ledger, scope, async (tx) => {
        const recorded = await recordPayment(tx, scope, body);
        await ctx.idempotency.created(tx, recorded, ctx.location(`/payments/${recorded.id}`));
        return recorded;
      }, QUEUED_TRANSACTION);
      created(ctx, payment, ctx.location(`/payments/${payment.id}`));
    },
  });

  route({
    method: "get",
    path: "/payments/{id}",
    summary: "A payment with its allocations",
    tags,
    access: { permission: permissions.paymentRead },
    request: { params: paymentIdParams },
    responses: { 200: { description: "The payment", schema: paymentDto }, ...notFound, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => getPayment(tx, scope, params)),
  });

  route({
    method: "post",
    path: "/payments/{id}/allocations",
    summary: "Allocate a payment's unallocated part to documents",
    description: `Settles invoices (payments received) or bills (made) of the payment's party from what the payment has left. ${LIMITS} ${CROSS_CURRENCY_RULE}`,
    tags,
    access: { permission: permissions.paymentRecord },
    idempotent: true,
    request: { params: paymentIdParams, body: allocatePaymentBody },
    responses: {
      200: { description: "The payment with all its allocations", schema: paymentDto },
      ...notFound,
      ...isVoid,
      422: {
        description: "A rule is broken; `error.details` names the field (allocations.<n>.<field>, date)",
        codes: [...ALLOCATION_CODES, ALLOCATION_DATE_BEFORE_PAYMENT, DATE_IN_FUTURE, "PERIOD_LOCKED"],
      },
      ...unavailable,
    },
    handler: (ctx) =>
      inLedger(ledger, ctx.scope, async (tx) => {
        const payment = await allocatePayment(tx, ctx.scope, { id: ctx.params.id, ...ctx.body });
        await ctx.idempotency.ok(tx, payment);
        return payment;
      }, QUEUED_TRANSACTION),
  });

  route({
    method: "post",
    path: "/payments/{id}/void",
    summary: "Void a payment",
    description:
      "Reverses the payment's entry and the exchange differences of its allocations (dated today, or the entry's date when later), undoes its " +
      "allocations (the documents are due again: issued/approved or partially paid) and keeps the payment with status void and the reason. A void payment holds nothing: amountAllocated, amountUnallocated and " +
      "baseAmountUnallocated are 0; its undone allocations stay listed with `voidedAt`. A payment a statement line is reconciled with cannot be voided (409 PAYMENT_RECONCILED).",
    tags,
    access: { permission: permissions.paymentVoid },
    request: { params: paymentIdParams, body: voidPaymentBody },
    responses: {
      200: { description: "The voided payment", schema: paymentDto },
      ...notFound,
      409: { description: "The payment is void (INVALID_STATE), or reconciled (PAYMENT_RECONCILED)", codes: ["INVALID_STATE", reconciledCode("payment")] },
      422: { description: "A reversal cannot be posted (the period is locked)", codes: ["PERIOD_LOCKED"] },
      ...unavailable,
    },
    handler: ({ scope, params, body }) => inLedger(ledger, scope, (tx) => voidPayment(tx, scope, { id: params.id, ...body }), QUEUED_TRANSACTION),
  });
}
