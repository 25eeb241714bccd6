/** Expenses (`/expenses`) and other revenue (`/revenue`): money out or in that is not a supplier bill or a customer invoice. */
import { pageSchema, created, type ServiceApp } from "@erp/http-kit";
import { reconciledCode } from "../bank-statements/refuse-reconciled";
import { AMOUNT_PRECISION, EXCHANGE_RATE_MISSING } from "../documents/document.errors";
import { PARTY_CODES } from "../parties/party.errors";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { DATE_IN_FUTURE } from "../periods/period.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import { INVALID_EXCHANGE_RATE, INVALID_PAYMENT_ACCOUNT, UNKNOWN_ACCOUNT } from "../payments/payment.errors";
import { TAX_RATE_USE_CODES } from "../tax-rates/tax-rate.errors";
import { CASH_AMOUNT_RULE } from "./cash-transaction-amounts";
import { AMOUNT_NOT_POSITIVE, INVALID_CATEGORY_ACCOUNT } from "./cash-transaction.errors";
import { expenses, revenue, type CashTransactionKindConfig } from "./cash-transaction-kinds";
import { cashTransactionDto, cashTransactionIdParams, cashTransactionListQuery, recordCashTransactionBody, recordRevenueBody, voidCashTransactionBody } from "./cash-transaction.schemas";
import { getCashTransaction, listCashTransactions } from "./get-cash-transaction";
import { recordCashTransaction } from "./record-cash-transaction";
import { voidCashTransaction } from "./void-cash-transaction";

const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };

function registerKind(route: ServiceApp["route"], ledger: Ledger, config: CashTransactionKindConfig): void {
  const { kind, label, path } = config;
  const tags = [kind === "expense" ? "Expenses" : "Revenue"];
  const noun = label.toLowerCase();
  const notFound = { 404: { description: `No such ${noun}, or another organization's (NOT_FOUND)` } };
  const posting =
    kind === "expense"
      ? "debit the expense account with the net amount and the tax rate's tax account with the tax, credit the bank or cash account with the amount"
      : "debit the bank or cash account with the amount, credit the income account with the net amount and the tax rate's tax account with the tax";

  route({
    method: "get",
    path,
    summary: `List ${kind === "expense" ? "expenses" : "other revenue"}`,
    description: "Filters: from/to (dates), accountId, bankAccountId, partyId, status; q searches number, counterparty and reference. Keyset pages.",
    tags,
    access: { permission: config.permissions.read },
    request: { query: cashTransactionListQuery },
    responses: { 200: { description: `A page of ${noun} records`, schema: pageSchema(cashTransactionDto) }, ...unavailable },
    handler: ({ scope, query }) => inLedger(ledger, scope, (tx) => listCashTransactions(tx, scope, { kind, query })),
  });

  route({
    method: "post",
    path,
    summary: `Record ${kind === "expense" ? "an expense" : "other revenue"}`,
    description:
      `Numbered ${config.series}-<fiscal year>-0001, gap-free, and posted in the same transaction (source ${kind}): ${posting}, ` +
      `in its currency at its rate (given, else the organization's on the date; 1 for the base currency). ${CASH_AMOUNT_RULE}`,
    tags,
    access: { permission: config.permissions.record },
    idempotent: true,
    request: { body: kind === "expense" ? recordCashTransactionBody : recordRevenueBody },
    responses: {
      201: { description: `The ${noun}`, schema: cashTransactionDto },
      422: {
        description: "A rule is broken; `error.details` names the field (date, accountId, bankAccountId, partyId, taxRateId, amount, exchangeRate)",
        codes: [
          DATE_IN_FUTURE,
          UNKNOWN_ACCOUNT,
          INVALID_CATEGORY_ACCOUNT,
          INVALID_PAYMENT_ACCOUNT,
          ...PARTY_CODES,
          ...TAX_RATE_USE_CODES,
          AMOUNT_PRECISION,
          AMOUNT_NOT_POSITIVE,
          EXCHANGE_RATE_MISSING,
          INVALID_EXCHANGE_RATE,
          "PERIOD_LOCKED",
        ],
      },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const recorded = await inLedger(ledger, scope, async (tx) => {
        const { transaction } = await recordCashTransaction(tx, scope, { kind, ...body });
        await ctx.idempotency.created(tx, transaction, ctx.location(`${path}/${transaction.id}`));
        return transaction;
      });
      created(ctx, recorded, ctx.location(`${path}/${recorded.id}`));
    },
  });

  route({
    method: "get",
    path: `${path}/{id}`,
    summary: `One ${noun} record`,
    tags,
    access: { permission: config.permissions.read },
    request: { params: cashTransactionIdParams },
    responses: { 200: { description: `The ${noun}`, schema: cashTransactionDto }, ...notFound, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => getCashTransaction(tx, scope, { kind, id: params.id })),
  });

  route({
    method: "post",
    path: `${path}/{id}/void`,
    summary: `Void ${kind === "expense" ? "an expense" : "other revenue"}`,
    description:
      "Reverses its entry (dated today, or its own date when later) and keeps it with status void and the reason. " +
      `One a statement line is reconciled with cannot be voided (409 ${reconciledCode(kind)}).`,
    tags,
    access: { permission: config.permissions.void },
    request: { params: cashTransactionIdParams, body: voidCashTransactionBody },
    responses: {
      200: { description: `The voided ${noun}`, schema: cashTransactionDto },
      ...notFound,
      409: { description: `Void already (INVALID_STATE), or reconciled (${reconciledCode(kind)})`, codes: ["INVALID_STATE", reconciledCode(kind)] },
      422: { description: "The reversal cannot be posted (the period is locked)", codes: ["PERIOD_LOCKED"] },
      ...unavailable,
    },
    handler: ({ scope, params, body }) => inLedger(ledger, scope, (tx) => voidCashTransaction(tx, scope, { kind, id: params.id, ...body })),
  });
}

export function registerCashTransactionRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  registerKind(route, ledger, expenses);
  registerKind(route, ledger, revenue);
}
