/** Credit notes: issued against an invoice (`POST /invoices/{id}/credit-notes`), read, printed, and their unapplied credit allocated. */
import { created, pageSchema, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { ALLOCATION_EXCEEDS_DUE, AMOUNT_PRECISION, DEFAULT_ACCOUNT_MISSING } from "../documents/document.errors";
import { ROUNDING_ACCOUNT_MISSING } from "../journal/journal.errors";
import { POSTING_RULES } from "../journal/ledger-rules";
import { sendDocumentPdf, pdfResponse } from "../invoice-pdf/invoice-pdf.routes";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, QUEUED_TRANSACTION, type Ledger } from "../ledger/ledger-transaction";
import type { OrganizationDirectory } from "../ledger/organization-directory";
import { PARTY_ARCHIVED } from "../parties/party.errors";
import { DATE_IN_FUTURE, PERIOD_LOCKED } from "../periods/period.errors";
import { allocateCreditNote } from "./allocate-credit-note";
import { CREDIT_ALLOCATION_CODES, CREDIT_EXCEEDS_INVOICED, CREDIT_NOTE_BEFORE_INVOICE, NOTHING_TO_CREDIT, UNKNOWN_INVOICE_LINE } from "./credit-note.errors";
import { allocateCreditNoteBody, CREDIT_RULES, creditNoteDto, creditNoteIdParams, creditNoteListQuery, issueCreditNoteBody } from "./credit-note.schemas";
import { getCreditNote, listCreditNotes } from "./get-credit-note";
import { issueCreditNote } from "./issue-credit-note";

const tags = ["Credit notes"];
/**
 * Crediting and allocating queue on the invoice's row (and the CN counter): a burst waits for its
 * turn, holding a connection, instead of failing after Prisma's default 2 s wait / 5 s transaction.
 */
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };
const notFound = { 404: { description: "No such credit note, or another organization's (NOT_FOUND)" } };

export function registerCreditNoteRoutes(route: ServiceApp["route"], ledger: Ledger, directory: OrganizationDirectory): void {
  route({
    method: "post",
    path: "/invoices/{id}/credit-notes",
    idempotent: true,
    summary: "Credit an issued invoice",
    description: `Credits the invoice's lines not yet credited (all of them, or the given lines and quantities). ${CREDIT_RULES} Publishes finance.credit_note.issued.`,
    tags,
    access: { permission: permissions.invoiceIssue },
    request: { params: creditNoteIdParams, body: issueCreditNoteBody },
    responses: {
      201: { description: "The credit note", schema: creditNoteDto },
      404: { description: "No such invoice, or another organization's (NOT_FOUND)" },
      409: { description: "The invoice is a draft or void (INVALID_STATE)", codes: ["INVALID_STATE"] },
      422: {
        description: "A line is not the invoice's, more than is left to credit, nothing to credit, a date before the invoice's or later than today, the customer archived (PARTY_ARCHIVED naming customerId), or a posting rule",
        codes: [PARTY_ARCHIVED, UNKNOWN_INVOICE_LINE, CREDIT_EXCEEDS_INVOICED, NOTHING_TO_CREDIT, CREDIT_NOTE_BEFORE_INVOICE, DATE_IN_FUTURE, DEFAULT_ACCOUNT_MISSING, ...POSTING_RULES, ROUNDING_ACCOUNT_MISSING, PERIOD_LOCKED],
      },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, params, body } = ctx;
      const dto = await inLedger(
        ledger,
        scope,
        async (tx) => {
          const issued = await issueCreditNote(tx, scope, { invoiceId: params.id, ...body });
          await ctx.idempotency.created(tx, issued, ctx.location(`/credit-notes/${issued.id}`));
          return issued;
        },
        QUEUED_TRANSACTION,
      );
      created(ctx, dto, ctx.location(`/credit-notes/${dto.id}`));
    },
  });

  route({
    method: "get",
    path: "/credit-notes",
    summary: "List credit notes",
    description: "Latest issue date first unless told. Filters: status (issued: some credit unapplied; paid: all applied), customerId, from, to; q searches number and customer.",
    tags,
    access: { permission: permissions.invoiceRead },
    request: { query: creditNoteListQuery },
    responses: { 200: { description: "A page of credit notes", schema: pageSchema(creditNoteDto) }, ...unavailable },
    handler: ({ scope, query }) => inLedger(ledger, scope, (tx) => listCreditNotes(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/credit-notes/{id}",
    summary: "A credit note",
    tags,
    access: { permission: permissions.invoiceRead },
    request: { params: creditNoteIdParams },
    responses: { 200: { description: "The credit note with its allocations", schema: creditNoteDto }, ...notFound, ...unavailable },
    handler: ({ scope, params }) => inLedger(ledger, scope, (tx) => getCreditNote(tx, scope, params)),
  });

  route({
    method: "get",
    path: "/credit-notes/{id}/pdf",
    summary: "Print a credit note (PDF)",
    description: "An A4 PDF like the invoice's (GET /invoices/{id}/pdf), naming the credited invoice, with the applied and the remaining credit.",
    tags,
    access: { permission: permissions.invoiceRead },
    request: { params: creditNoteIdParams },
    responses: { 200: pdfResponse("The credit note as a PDF file"), ...notFound, ...unavailable },
    handler: ({ res, scope, params }) => sendDocumentPdf(res, { ledger, directory }, scope, { id: params.id, kind: "credit_note" }),
  });

  route({
    method: "post",
    path: "/credit-notes/{id}/allocations",
    idempotent: true,
    summary: "Allocate a credit note's unapplied credit",
    description:
      "Allocates the customer's credit to other open invoices (issued or partially paid) of the same customer in the same currency, each at most its " +
      "amount due, together at most the credit note's unapplied amount. In the base currency each invoice loses amount × its rate (its whole base amount " +
      "due when this settles it) and the credit note gives amount × its rate; a difference is posted at once to the exchange gain/loss account (source allocation_fx).",
    tags,
    access: { permission: permissions.invoiceIssue },
    request: { params: creditNoteIdParams, body: allocateCreditNoteBody },
    responses: {
      200: { description: "The credit note with its allocations", schema: creditNoteDto },
      ...notFound,
      409: { description: "An invoice is not open (INVALID_STATE)", codes: ["INVALID_STATE"] },
      422: {
        description: "Not an invoice of the customer in the currency, more than the credit left or the invoice's amount due",
        codes: [...CREDIT_ALLOCATION_CODES, ALLOCATION_EXCEEDS_DUE, AMOUNT_PRECISION, DEFAULT_ACCOUNT_MISSING, PERIOD_LOCKED],
      },
      ...unavailable,
    },
    handler: (ctx) =>
      inLedger(
        ledger,
        ctx.scope,
        async (tx) => {
          const dto = await allocateCreditNote(tx, ctx.scope, { id: ctx.params.id, ...ctx.body });
          await ctx.idempotency.ok(tx, dto);
          return dto;
        },
        QUEUED_TRANSACTION,
      ),
  });
}
