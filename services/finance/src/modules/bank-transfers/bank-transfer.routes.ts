/** Transfers between bank accounts (`/bank-transfers`), each posted as one entry. */
import { created, pageSchema, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { BANK_ACCOUNT_ARCHIVED, UNKNOWN_BANK_ACCOUNT } from "../bank-accounts/bank-account.errors";
import { reconciledCode } from "../bank-statements/refuse-reconciled";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { DATE_IN_FUTURE } from "../periods/period.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import { INVALID_EXCHANGE_RATE, UNKNOWN_ACCOUNT } from "../payments/payment.errors";
import { INVALID_FEE_ACCOUNT, TO_AMOUNT_MISMATCH, TO_AMOUNT_REQUIRED } from "./bank-transfer.errors";
import { bankTransferDto, bankTransferIdParams, bankTransferListQuery, recordBankTransferBody, voidBankTransferBody } from "./bank-transfer.schemas";
import { getBankTransfer, listBankTransfers } from "./get-bank-transfer";
import { recordBankTransfer } from "./record-bank-transfer";
import { voidBankTransfer } from "./void-bank-transfer";

const tags = ["Bank transfers"];
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };

export function registerBankTransferRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "get",
    path: "/bank-transfers",
    summary: "List transfers between bank accounts",
    description: "Filters: bankAccountId (either side), from/to (transfer dates); q searches number and reference.",
    tags,
    access: { permission: permissions.bankAccountRead },
    request: { query: bankTransferListQuery },
    responses: { 200: { description: "A page of transfers", schema: pageSchema(bankTransferDto) }, ...unavailable },
    handler: ({ scope, query }) => inLedger(ledger, scope, (tx) => listBankTransfers(tx, scope, query)),
  });

  route({
    method: "post",
    path: "/bank-transfers",
    summary: "Transfer money between two bank accounts",
    description:
      "Numbered TRF-<fiscal year>-0001, gap-free, and posted as one entry (source bank_transfer): credit the source account with amount + fee " +
      "(its currency, at `exchangeRate`), debit the destination with toAmount (its currency, at `toExchangeRate`), debit the fee's expense account " +
      "with the fee; when the currencies differ, what left in the base currency less what arrived and the fee is posted to exchange gain/loss " +
      "(debit: a loss). Same currency: toAmount equals amount.",
    tags,
    access: { permission: permissions.bankTransferRecord },
    idempotent: true,
    request: { body: recordBankTransferBody },
    responses: {
      201: { description: "The transfer", schema: bankTransferDto },
      422: {
        description: "A rule is broken; `error.details` names the field",
        codes: [
          DATE_IN_FUTURE,
          UNKNOWN_BANK_ACCOUNT,
          BANK_ACCOUNT_ARCHIVED,
          TO_AMOUNT_REQUIRED,
          TO_AMOUNT_MISMATCH,
          "AMOUNT_PRECISION",
          UNKNOWN_ACCOUNT,
          INVALID_FEE_ACCOUNT,
          "EXCHANGE_RATE_MISSING",
          INVALID_EXCHANGE_RATE,
          "DEFAULT_ACCOUNT_MISSING",
          "PERIOD_LOCKED",
        ],
      },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const transfer = await inLedger(ledger, scope, async (tx) => {
        const recorded = await recordBankTransfer(tx, scope, body);
        await ctx.idempotency.created(tx, recorded, ctx.location(`/bank-transfers/${recorded.id}`));
        return recorded;
      });
      created(ctx, transfer, ctx.location(`/bank-transfers/${transfer.id}`));
    },
  });

  route({
    method: "get",
    path: "/bank-transfers/{id}",
    summary: "A transfer",
    tags,
    access: { permission: permissions.bankAccountRead },
    request: { params: bankTransferIdParams },
    responses: { 200: { description: "The transfer", schema: bankTransferDto }, 404: { description: "No such transfer, or another organization's (NOT_FOUND)" }, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => getBankTransfer(tx, scope, params)),
  });

  route({
    method: "post",
    path: "/bank-transfers/{id}/void",
    summary: "Void a transfer",
    description:
      "Reverses the transfer's entry (dated today, or the transfer's date when later) and keeps the transfer, void, with the reason. Only here: " +
      "POST /journal-entries/{id}/reverse refuses a transfer's entry. A transfer a statement line is reconciled with cannot be voided (409 TRANSFER_RECONCILED).",
    tags,
    access: { permission: permissions.bankTransferRecord },
    request: { params: bankTransferIdParams, body: voidBankTransferBody },
    responses: {
      200: { description: "The voided transfer", schema: bankTransferDto },
      404: { description: "No such transfer, or another organization's (NOT_FOUND)" },
      409: { description: "Already void (INVALID_STATE), or reconciled (TRANSFER_RECONCILED)", codes: ["INVALID_STATE", reconciledCode("transfer")] },
      422: { description: "The reversal cannot be posted (the period is locked)", codes: ["PERIOD_LOCKED"] },
      ...unavailable,
    },
    handler: ({ scope, params, body }) => inLedger(ledger, scope, (tx) => voidBankTransfer(tx, scope, { id: params.id, ...body })),
  });
}
