/**
 * Drafts of invoices and bills: created, edited and deleted freely until issued (approved). The
 * server owns every amount: lines are priced by the per-line rounding rule on every save.
 */
import { uuidv7 } from "@erp/db";
import { badRequest } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { addDays } from "../periods/fiscal-year";
import { requireActiveParty, type ActiveParty } from "../parties/require-active-party";
import type { DocumentKindConfig } from "./document-kinds";
import { priceLines } from "./document-lines";
import { documentNotIn, supplierInvoiceNumberTaken } from "./document.errors";
import { documentRepository, type DocumentWithLines } from "./document.repository";
import { isoDay, today, type DocumentDto, type DocumentFields, type DocumentLineInput } from "./document.schemas";
import { documentDto, findDocument } from "./get-document";

const dueBeforeIssue = () => badRequest("Request body is invalid", [{ path: "dueDate", message: "Must be on or after the issue date" }]);

/** @throws AppError 409 SUPPLIER_INVOICE_NUMBER_TAKEN (a concurrent one is the unique index's violation, which the route maps) */
async function checkSupplierInvoiceNumber(tx: Tx, scope: Scope, input: { supplierId: string; value: string | null | undefined; self?: string }): Promise<void> {
  if (!input.value) return;
  const holder = await documentRepository(tx).billWithSupplierInvoiceNumber(scope.organizationId, input.supplierId, input.value, input.self);
  if (holder) throw supplierInvoiceNumberTaken(input.value);
}

/** The party of the kind, active (a draft needs one to be saved). */
const partyOf = (tx: Tx, scope: Scope, kind: DocumentKindConfig, id: string): Promise<ActiveParty> =>
  requireActiveParty(tx, scope, { kind: kind.partyType, id, path: kind.partyField });

/**
 * A new draft. Defaults: issue date today, due date the issue date plus the party's payment terms,
 * currency the party's; each line's description and price from its product, account the default.
 * @throws AppError 400 (due date before the issue date); 409 SUPPLIER_INVOICE_NUMBER_TAKEN; 422 as
 *   `requireActiveParty` and `priceLines`, naming the field
 */
export async function createDocument(
  tx: Tx,
  scope: Scope,
  kind: DocumentKindConfig,
  input: DocumentFields & { partyId: string; lines: DocumentLineInput[] },
): Promise<DocumentDto> {
  const party = await partyOf(tx, scope, kind, input.partyId);
  const issueDate = input.issueDate ?? today();
  const dueDate = input.dueDate ?? addDays(issueDate, party.paymentTermsDays);
  if (dueDate < issueDate) throw dueBeforeIssue();
  const currency = input.currency ?? party.currency;
  if (kind.kind === "bill") await checkSupplierInvoiceNumber(tx, scope, { supplierId: party.id, value: input.supplierInvoiceNumber });
  const { lines, amounts } = await priceLines(tx, scope, kind, { currency, lines: input.lines });
  const row = await documentRepository(tx).create(
    scope.organizationId,
    {
      id: uuidv7(),
      kind: kind.kind,
      partyType: kind.partyType,
      partyId: party.id,
      issueDate: new Date(`${issueDate}T00:00:00.000Z`),
      dueDate: new Date(`${dueDate}T00:00:00.000Z`),
      currency,
      reference: input.reference ?? null,
      notes: input.notes ?? null,
      supplierInvoiceNumber: kind.kind === "bill" ? (input.supplierInvoiceNumber ?? null) : null,
      subtotal: amounts.subtotal,
      taxTotal: amounts.taxTotal,
      total: amounts.total,
      amountDue: amounts.total,
      createdBy: scope.actor.id,
    },
    lines,
  );
  return documentDto(tx, scope, row);
}

/** A stored line as the input it was priced from (to price it again in another currency). */
function lineInput(line: DocumentWithLines["lines"][number]): DocumentLineInput {
  return {
    ...(line.productId ? { productId: line.productId } : {}),
    description: line.description,
    quantity: line.quantity.toFixed(),
    unitPrice: line.unitPrice.toFixed(),
    discountPercent: line.discountPercent.toFixed(),
    // As stored: a line without a rate stays without one (not the product's default again).
    taxRateId: line.taxRateId ?? null,
    ...(line.accountId ? { accountId: line.accountId } : {}),
  };
}

/**
 * Changes a draft: the fields given replace the draft's; `lines`, when given, replace all its
 * lines. A new party or issue date without a due date moves the due date to the issue date plus
 * the party's terms. Amounts are priced again (in the new currency when it changes).
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE (not a draft), SUPPLIER_INVOICE_NUMBER_TAKEN;
 *   400 (due date before the issue date); 422 as `createDocument`
 */
export async function updateDocument(tx: Tx, scope: Scope, kind: DocumentKindConfig, input: { id: string; changes: DocumentFields }): Promise<DocumentDto> {
  const current = await findDocument(tx, scope, kind, input.id, { lock: true });
  if (current.status !== "draft") {
    throw documentNotIn(kind.kind, current.number, current.status, current.status === "void" ? "only a draft is edited" : "only a draft is edited (void it instead)");
  }
  const { changes } = input;
  const partyChanged = changes.partyId !== undefined && changes.partyId !== current.partyId;
  const party = partyChanged ? await partyOf(tx, scope, kind, changes.partyId!) : null;
  const issueDate = changes.issueDate ?? isoDay(current.issueDate);
  const dueDate = changes.dueDate ?? (party || changes.issueDate ? addDays(issueDate, (party ?? (await partyOf(tx, scope, kind, current.partyId))).paymentTermsDays) : isoDay(current.dueDate));
  if (dueDate < issueDate) throw dueBeforeIssue();
  const currency = changes.currency ?? current.currency;
  const partyId = party?.id ?? current.partyId;
  if (kind.kind === "bill") {
    const supplierInvoiceNumber = changes.supplierInvoiceNumber === undefined ? current.supplierInvoiceNumber : changes.supplierInvoiceNumber;
    await checkSupplierInvoiceNumber(tx, scope, { supplierId: partyId, value: supplierInvoiceNumber, self: current.id });
  }
  const repository = documentRepository(tx);
  let totals = {};
  if (changes.lines || currency !== current.currency) {
    const { lines, amounts } = await priceLines(tx, scope, kind, { currency, lines: changes.lines ?? current.lines.map(lineInput) });
    await repository.replaceLines(scope.organizationId, current.id, lines);
    totals = { subtotal: amounts.subtotal, taxTotal: amounts.taxTotal, total: amounts.total, amountDue: amounts.total };
  }
  await repository.update(scope.organizationId, current.id, {
    partyId,
    issueDate: new Date(`${issueDate}T00:00:00.000Z`),
    dueDate: new Date(`${dueDate}T00:00:00.000Z`),
    currency,
    ...(changes.reference !== undefined ? { reference: changes.reference } : {}),
    ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
    ...(kind.kind === "bill" && changes.supplierInvoiceNumber !== undefined ? { supplierInvoiceNumber: changes.supplierInvoiceNumber } : {}),
    ...totals,
  });
  return documentDto(tx, scope, (await repository.find(scope.organizationId, current.id))!);
}

/**
 * Deletes a draft and its lines; an issued (approved) document stays and is voided instead.
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE
 */
export async function deleteDocument(tx: Tx, scope: Scope, kind: DocumentKindConfig, input: { id: string }): Promise<void> {
  const current = await findDocument(tx, scope, kind, input.id, { lock: true });
  if (current.status !== "draft") throw documentNotIn(kind.kind, current.number, current.status, "only a draft is deleted (void it instead)");
  await documentRepository(tx).delete(scope.organizationId, current.id);
}
