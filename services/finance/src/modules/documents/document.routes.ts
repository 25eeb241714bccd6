/** Routes of customer invoices (/invoices) and supplier bills (/bills): the same operations, each kind's permissions, party field and action. */
import { created, noContent, pageSchema, z, type RouteResponse, type ServiceApp } from "@erp/http-kit";
import { ROUNDING_ACCOUNT_MISSING } from "../journal/journal.errors";
import { POSTING_RULES } from "../journal/ledger-rules";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, QUEUED_TRANSACTION, type Ledger } from "../ledger/ledger-transaction";
import { PARTY_CODES, PRODUCT_CODES, UNKNOWN_CUSTOMER, UNKNOWN_SUPPLIER } from "../parties/party.errors";
import { DATE_IN_FUTURE, PERIOD_LOCKED } from "../periods/period.errors";
import { INVALID_TAX_ACCOUNT, PRODUCT_TAX_RATE_MISSING, TAX_RATE_USE_CODES } from "../tax-rates/tax-rate.errors";
import { TAX_ROUNDING_RULE } from "../tax-rates/tax-calculation";
import { bills, invoices, type DocumentKindConfig, type PartyField } from "./document-kinds";
import {
  DEFAULT_ACCOUNT_MISSING,
  EXCHANGE_RATE_MISSING,
  INVALID_DOCUMENT_ACCOUNT,
  INVALID_EXCHANGE_RATE,
  NOTHING_TO_POST,
  SUPPLIER_INVOICE_NUMBER_TAKEN,
  UNIT_PRICE_REQUIRED,
  UNKNOWN_DOCUMENT_ACCOUNT,
  supplierInvoiceNumberTaken,
} from "./document.errors";
import { documentSchemas, toKindDto, withPartyId, type DocumentFields, type DocumentLineInput, type DocumentListFilters } from "./document.schemas";
import { createDocument, deleteDocument, updateDocument } from "./draft-documents";
import { getDocument } from "./get-document";
import { listDocuments } from "./list-documents";
import { postDocument } from "./post-document";
import { voidDocument } from "./void-document";

const idParams = z.object({ id: z.uuid() });
/**
 * Issues (approvals) of an organization queue on their series' counter row until each commits
 * (gap-free numbers), holding a connection while they wait: a burst waits its turn for a
 * connection and for the row instead of failing after Prisma's default 2 s / 5 s.
 */
const unavailable = { 503: { description: "The organization's ledger could not be set up yet", codes: [LEDGER_UNAVAILABLE] } };
const JOURNAL_POSTING_CODES = [...POSTING_RULES, ROUNDING_ACCOUNT_MISSING, PERIOD_LOCKED];
const DRAFT_CODES = [
  ...PARTY_CODES,
  ...PRODUCT_CODES,
  ...TAX_RATE_USE_CODES,
  PRODUCT_TAX_RATE_MISSING,
  INVALID_TAX_ACCOUNT,
  UNIT_PRICE_REQUIRED,
  UNKNOWN_DOCUMENT_ACCOUNT,
  INVALID_DOCUMENT_ACCOUNT,
  DEFAULT_ACCOUNT_MISSING,
];

/** Registers /invoices and /bills. */
export function registerDocumentRoutes(route: ServiceApp["route"], ledger: Ledger): void {
  registerDocumentKindRoutes(route, ledger, invoices);
  registerDocumentKindRoutes(route, ledger, bills);
}

function registerDocumentKindRoutes<P extends PartyField>(route: ServiceApp["route"], ledger: Ledger, kind: DocumentKindConfig<P>): void {
  const { path, label, permissions } = kind;
  const noun = kind.kind;
  const schemas = documentSchemas(kind);
  const tags = [`${label}s`];
  const notFound = { 404: { description: `No such ${noun}, or another organization's (NOT_FOUND)` } };
  const posted = kind.postedStatus;
  // A bill names a supplier, an invoice a customer: each documents only its own party's code.
  const draftCodes = DRAFT_CODES.filter((code) => code !== (kind.kind === "bill" ? UNKNOWN_CUSTOMER : UNKNOWN_SUPPLIER));
  const view = (dto: Parameters<typeof toKindDto>[1]) => toKindDto(kind, dto);
  /** A concurrent bill that took the supplier's invoice number first: the unique index's violation. */
  const supplierNumberRace = (body: Record<string, unknown>) =>
    kind.kind === "bill" ? { conflict: () => supplierInvoiceNumberTaken(String(body.supplierInvoiceNumber ?? "")) } : {};
  const draftConflicts =
    kind.kind === "bill"
      ? { description: "Another live bill of the supplier has this supplierInvoiceNumber", codes: [SUPPLIER_INVOICE_NUMBER_TAKEN] }
      : null;
  const createConflicts: Record<number, RouteResponse> = draftConflicts ? { 409: draftConflicts } : {};
  const fields = (body: Record<string, unknown>) => withPartyId(kind, body) as DocumentFields;

  route({
    method: "get",
    path,
    summary: `List ${noun}s`,
    description:
      `Filters: status, ${kind.partyField}, from/to (issue date), overdue (true: not fully paid and due before today); ` +
      `q searches number, reference${kind.kind === "bill" ? ", supplier invoice number" : ""} and the ${kind.partyType}'s names (as text: % and _ match themselves).`,
    tags,
    access: { permission: permissions.read },
    request: { query: schemas.list },
    responses: { 200: { description: `A page of ${noun}s`, schema: pageSchema(schemas.dto) }, ...unavailable },
    handler: ({ scope, query }) => {
      // `schemas.list` validated it; its type is generic in the party field's name, which TypeScript cannot take apart.
      const filters = withPartyId(kind, query as Record<string, unknown>) as unknown as DocumentListFilters;
      return inLedger(ledger, scope, (tx) => listDocuments(tx, scope, kind, filters));
    },
  });

  route({
    method: "post",
    path,
    summary: `Create a draft ${noun}`,
    description:
      `A draft: no number, nothing posted, edited and deleted freely. Defaults: issue date today, due date the issue date plus the ` +
      `${kind.partyType}'s payment terms, currency the ${kind.partyType}'s; a line's description and unit price from its product. ` +
      `The server computes every amount. ${TAX_ROUNDING_RULE}`,
    tags,
    access: { permission: permissions.manage },
    request: { body: schemas.create },
    responses: {
      201: { description: `The draft ${noun}`, schema: schemas.dto },
      ...createConflicts,
      422: { description: "A party, product, tax rate or account the draft cannot use; `error.details` names the field", codes: draftCodes },
      ...unavailable,
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const input = fields(body) as DocumentFields & { partyId: string; lines: DocumentLineInput[] };
      const dto = await inLedger(ledger, scope, (tx) => createDocument(tx, scope, kind, input), supplierNumberRace(body));
      created(ctx, view(dto), ctx.location(`${path}/${dto.id}`));
    },
  });

  route({
    method: "get",
    path: `${path}/{id}`,
    summary: `A ${noun} with its lines, taxes and amounts`,
    description: `Amounts are decimal strings with the currency's minor units; \`overdue\` is derived from the due date. ${TAX_ROUNDING_RULE}`,
    tags,
    access: { permission: permissions.read },
    request: { params: idParams },
    responses: { 200: { description: `The ${noun}`, schema: schemas.dto }, ...notFound, ...unavailable },
    handler: async ({ scope, params }) => view(await inLedger(ledger, scope, (tx) => getDocument(tx, scope, kind, params))),
  });

  route({
    method: "patch",
    path: `${path}/{id}`,
    summary: `Edit a draft ${noun}`,
    description:
      `The fields given replace the draft's; \`lines\`, when given, replace all its lines. A new ${kind.partyType} or issue date without a ` +
      `due date moves the due date to the issue date plus the ${kind.partyType}'s terms. Amounts are computed again. ${TAX_ROUNDING_RULE}`,
    tags,
    access: { permission: permissions.manage },
    request: { params: idParams, body: schemas.update },
    responses: {
      200: { description: `The draft ${noun}`, schema: schemas.dto },
      ...notFound,
      409: {
        description: `Not a draft: an ${posted} ${noun} never changes (INVALID_STATE)${draftConflicts ? `; or ${draftConflicts.description}` : ""}`,
        codes: ["INVALID_STATE", ...(draftConflicts ? draftConflicts.codes : [])],
      },
      422: { description: "A party, product, tax rate or account the draft cannot use; `error.details` names the field", codes: draftCodes },
      ...unavailable,
    },
    handler: async ({ scope, params, body }) =>
      view(await inLedger(ledger, scope, (tx) => updateDocument(tx, scope, kind, { id: params.id, changes: fields(body) }), supplierNumberRace(body))),
  });

  route({
    method: "delete",
    path: `${path}/{id}`,
    summary: `Delete a draft ${noun}`,
    tags,
    access: { permission: permissions.manage },
    request: { params: idParams },
    responses: { 204: { description: "Deleted" }, ...notFound, 409: { description: `Not a draft: void it instead`, codes: ["INVALID_STATE"] }, ...unavailable },
    handler: async (ctx) => {
      await inLedger(ledger, ctx.scope, (tx) => deleteDocument(tx, ctx.scope, kind, ctx.params));
      noContent(ctx);
    },
  });

  route({
    method: "post",
    path: `${path}/{id}/${kind.postAction}`,
    idempotent: true,
    summary: kind.kind === "invoice" ? "Issue a draft invoice" : "Approve a draft bill",
    description:
      `Fixes the rate (the one given, else 1 for the base currency, else the organization's rate on the issue date), gives the next gap-free ` +
      `number of the organization's fiscal year (${kind.series}-2026-0001) and posts the entry in the same transaction: ` +
      (kind.kind === "invoice"
        ? "Dr receivable (the total, with the customer), Cr each line's income account (nets), Cr each tax rate's tax account (taxes)"
        : "Cr payable (the total, with the supplier), Dr each line's expense or asset account (nets), Dr each tax rate's tax account (recoverable tax)") +
      `, in the ${noun}'s currency at its rate. Status ${posted}; publishes finance.${noun}.${kind.kind === "invoice" ? "issued" : "approved"}. ` +
      `Doing it twice is 409 INVALID_STATE. ${TAX_ROUNDING_RULE}`,
    tags,
    access: { permission: permissions.post },
    request: { params: idParams, body: schemas.post },
    responses: {
      200: { description: `The ${posted} ${noun}`, schema: schemas.dto },
      ...notFound,
      409: { description: `Not a draft (${posted} already, or void)`, codes: ["INVALID_STATE"] },
      422: {
        description:
          "No rate, nothing to post, no receivable/payable account, an archived party, a line's tax rate archived (or no longer applying) since the draft " +
          "(`lines.<n>.taxRateId`), or a rule of the ledger (PERIOD_LOCKED...)",
        codes: [EXCHANGE_RATE_MISSING, INVALID_EXCHANGE_RATE, NOTHING_TO_POST, DEFAULT_ACCOUNT_MISSING, ...PARTY_CODES, ...TAX_RATE_USE_CODES, INVALID_TAX_ACCOUNT, ...JOURNAL_POSTING_CODES],
      },
      ...unavailable,
    },
    handler: (ctx) =>
      inLedger(
        ledger,
        ctx.scope,
        async (tx) => {
          const dto = view(await postDocument(tx, ctx.scope, kind, { id: ctx.params.id, ...ctx.body }));
          await ctx.idempotency.ok(tx, dto);
          return dto;
        },
        QUEUED_TRANSACTION,
      ),
  });

  route({
    method: "post",
    path: `${path}/{id}/void`,
    summary: `Void an ${posted} ${noun}`,
    description:
      `Only with nothing allocated (no payment, no credit) and no credit note against it: posts the reversal of its entry ` +
      `(dated \`date\`), keeps its number, status void, nothing due; publishes finance.${noun}.voided.`,
    tags,
    access: { permission: permissions.void },
    request: { params: idParams, body: schemas.void },
    responses: {
      200: { description: `The void ${noun}`, schema: schemas.dto },
      ...notFound,
      409: { description: "A draft (delete it), void already, or payments/credits allocated or a credit note issued against it", codes: ["INVALID_STATE"] },
      422: { description: "The reversal's date (later than today, before the issue date) or a rule of the ledger (PERIOD_LOCKED...)", codes: [DATE_IN_FUTURE, "REVERSAL_BEFORE_ORIGINAL", ...JOURNAL_POSTING_CODES] },
      ...unavailable,
    },
    handler: async ({ scope, params, body }) => view(await inLedger(ledger, scope, (tx) => voidDocument(tx, scope, kind, { id: params.id, ...body }))),
  });
}
