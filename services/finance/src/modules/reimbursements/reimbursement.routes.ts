/** Reimbursements (`/reimbursements`): employees' claims, draft → submitted → approved or rejected → paid. */
import { created, noContent, pageSchema, type ServiceApp } from "@erp/http-kit";
import { AMOUNT_PRECISION, DEFAULT_ACCOUNT_MISSING, EXCHANGE_RATE_MISSING } from "../documents/document.errors";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { DATE_IN_FUTURE } from "../periods/period.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import { INVALID_EXCHANGE_RATE, INVALID_PAYMENT_ACCOUNT, UNKNOWN_ACCOUNT } from "../payments/payment.errors";
import { TAX_RATE_USE_CODES } from "../tax-rates/tax-rate.errors";
import { permissions } from "../../permissions";
import { createReimbursement, deleteReimbursement, listReimbursements, reimbursementDto, updateReimbursement } from "./manage-reimbursements";
import { approveReimbursement, payReimbursement, rejectReimbursement, submitReimbursement } from "./reimbursement-workflow";
import { AMOUNT_NOT_POSITIVE, INVALID_CATEGORY_ACCOUNT, PAYMENT_BEFORE_APPROVAL } from "./reimbursement.errors";
import {
  approveReimbursementBody,
  createReimbursementBody,
  payReimbursementBody,
  reimbursementDto as reimbursementSchema,
  reimbursementIdParams,
  reimbursementListQuery,
  rejectReimbursementBody,
  TAX_INCLUDED_RULE,
  updateReimbursementBody,
} from "./reimbursement.schemas";

const tags = ["Reimbursements"];
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };
const notFound = { 404: { description: "No such claim, or another organization's (NOT_FOUND)" } };
const linesRefused = {
  description: "The claim's date or a line breaks a rule; `error.details` names it (`date`, `lines.<n>.date`, `lines.<n>.accountId`, `lines.<n>.taxRateId`, `lines.<n>.amount`)",
  codes: [DATE_IN_FUTURE, UNKNOWN_ACCOUNT, INVALID_CATEGORY_ACCOUNT, ...TAX_RATE_USE_CODES, AMOUNT_PRECISION, AMOUNT_NOT_POSITIVE],
};
const state = (from: string) => ({ 409: { description: `The claim is not ${from} (INVALID_STATE)`, codes: ["INVALID_STATE"] } });
const own = (what: string) => ({ 403: { description: `The permission is missing, or the claim is the caller's own: nobody may ${what} their own claim (FORBIDDEN)` } });
const claimantOnly = { 403: { description: "The permission is missing, or the caller is not the claimant (FORBIDDEN)" } };
const dto = (description: string) => ({ 200: { description, schema: reimbursementSchema } });

export function registerReimbursementRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  route({
    method: "get",
    path: "/reimbursements",
    summary: "List reimbursement claims",
    description: "Everyone's claims (the read permission is held by members). Filters: status, claimantId, from/to (the claim's date). Keyset pages.",
    tags,
    access: { permission: permissions.reimbursementRead },
    request: { query: reimbursementListQuery },
    responses: { 200: { description: "A page of claims", schema: pageSchema(reimbursementSchema) }, ...unavailable },
    handler: ({ scope, query }) => inLedger(ledger, scope, (tx) => listReimbursements(tx, scope, query)),
  });

  route({
    method: "post",
    path: "/reimbursements",
    summary: "Claim a reimbursement (a draft)",
    description:
      "The claimant is the authenticated user (a token for the organization proves membership). Lines: date, category (an expense account), " +
      `gross amount, optional purchase tax rate, description; totals are computed. ${TAX_INCLUDED_RULE}`,
    tags,
    access: { permission: permissions.reimbursementSubmit },
    request: { body: createReimbursementBody },
    responses: {
      201: { description: "The draft claim", schema: reimbursementSchema },
      403: { description: "The permission is missing, or the caller is not a user (FORBIDDEN)" },
      422: linesRefused,
      ...unavailable,
    },
    handler: async (ctx) => {
      const claim = await inLedger(ledger, ctx.scope, (tx) => createReimbursement(tx, ctx.scope, ctx.body));
      created(ctx, claim, ctx.location(`/reimbursements/${claim.id}`));
    },
  });

  route({
    method: "get",
    path: "/reimbursements/{id}",
    summary: "One reimbursement claim with its lines and history",
    tags,
    access: { permission: permissions.reimbursementRead },
    request: { params: reimbursementIdParams },
    responses: { ...dto("The claim"), ...notFound, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => reimbursementDto(tx, scope, params.id)),
  });

  route({
    method: "patch",
    path: "/reimbursements/{id}",
    summary: "Edit a draft claim (its claimant only)",
    tags,
    access: { permission: permissions.reimbursementSubmit },
    request: { params: reimbursementIdParams, body: updateReimbursementBody },
    responses: { ...dto("The draft"), ...claimantOnly, ...notFound, ...state("a draft"), 422: linesRefused, ...unavailable },
    handler: ({ scope, params, body }) => inLedger(ledger, scope, (tx) => updateReimbursement(tx, scope, params.id, body)),
  });

  route({
    method: "delete",
    path: "/reimbursements/{id}",
    summary: "Delete a draft claim (its claimant only)",
    tags,
    access: { permission: permissions.reimbursementSubmit },
    request: { params: reimbursementIdParams },
    responses: { 204: { description: "Deleted" }, ...claimantOnly, ...notFound, ...state("a draft"), ...unavailable },
    handler: async (ctx) => {
      await inLedger(ledger, ctx.scope, (tx) => deleteReimbursement(tx, ctx.scope, ctx.params.id));
      noContent(ctx);
    },
  });

  route({
    method: "post",
    path: "/reimbursements/{id}/submit",
    summary: "Submit a draft claim for approval (its claimant only)",
    description: "Numbered RMB-<fiscal year of the claim's date>-0001, gap-free.",
    tags,
    access: { permission: permissions.reimbursementSubmit },
    request: { params: reimbursementIdParams },
    responses: { ...dto("The submitted claim"), ...claimantOnly, ...notFound, ...state("a draft"), ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => submitReimbursement(tx, scope, params.id)),
  });

  route({
    method: "post",
    path: "/reimbursements/{id}/approve",
    summary: "Approve a submitted claim: posted",
    description:
      "Posts (source reimbursement), dated `date` (default today) at the claim currency's rate: debit each line's expense account with its net " +
      "and the rates' tax accounts with the tax, credit the employee payable account (subtype employee_payable) with the total, the claimant as the line's party (type employee).",
    tags,
    access: { permission: permissions.reimbursementApprove },
    request: { params: reimbursementIdParams, body: approveReimbursementBody },
    responses: {
      ...dto("The approved claim"),
      ...own("approve"),
      ...notFound,
      ...state("submitted"),
      422: {
        description: "The entry cannot be posted",
        codes: [DATE_IN_FUTURE, EXCHANGE_RATE_MISSING, INVALID_EXCHANGE_RATE, DEFAULT_ACCOUNT_MISSING, ...TAX_RATE_USE_CODES, "PERIOD_LOCKED"],
      },
      ...unavailable,
    },
    handler: ({ scope, params, body }) => inLedger(ledger, scope, (tx) => approveReimbursement(tx, scope, params.id, body)),
  });

  route({
    method: "post",
    path: "/reimbursements/{id}/reject",
    summary: "Reject a submitted claim, with a reason",
    tags,
    access: { permission: permissions.reimbursementApprove },
    request: { params: reimbursementIdParams, body: rejectReimbursementBody },
    responses: { ...dto("The rejected claim"), ...own("reject"), ...notFound, ...state("submitted"), ...unavailable },
    handler: ({ scope, params, body }) => inLedger(ledger, scope, (tx) => rejectReimbursement(tx, scope, params.id, body)),
  });

  route({
    method: "post",
    path: "/reimbursements/{id}/pay",
    summary: "Pay an approved claim from a bank or cash account",
    description:
      "Posts (source reimbursement_payment): debit employee payable (the claimant as party) at the approval's rate, credit the bank or cash account at the " +
      "payment's rate; a difference in the base currency goes to exchange gain/loss.",
    tags,
    access: { permission: permissions.reimbursementPay },
    idempotent: true,
    request: { params: reimbursementIdParams, body: payReimbursementBody },
    responses: {
      ...dto("The paid claim"),
      ...own("pay"),
      ...notFound,
      ...state("approved"),
      422: {
        description: "A rule is broken; `error.details` names the field (date, bankAccountId, exchangeRate)",
        codes: [DATE_IN_FUTURE, PAYMENT_BEFORE_APPROVAL, UNKNOWN_ACCOUNT, INVALID_PAYMENT_ACCOUNT, EXCHANGE_RATE_MISSING, INVALID_EXCHANGE_RATE, DEFAULT_ACCOUNT_MISSING, "PERIOD_LOCKED"],
      },
      ...unavailable,
    },
    handler: (ctx) =>
      inLedger(ledger, ctx.scope, async (tx) => {
        const paid = await payReimbursement(tx, ctx.scope, ctx.params.id, ctx.body);
        await ctx.idempotency.ok(tx, paid);
        return paid;
      }),
  });
}
