/** The printable invoice (`GET /invoices/{id}/pdf`), and how credit notes are printed the same way. */
import { type RouteContext, type ServiceApp, z } from "@erp/http-kit";
import type { Scope } from "@erp/scope";
import { permissions } from "../../permissions";
import { LEDGER_UNAVAILABLE } from "../ledger/ledger.errors";
import { inLedger, type Ledger } from "../ledger/ledger-transaction";
import type { OrganizationDirectory } from "../ledger/organization-directory";
import { keepPrintedParties, printableDocument, type PrintableKind } from "./printable-document";
import { renderDocumentPdf } from "./render-document-pdf";

/** The OpenAPI 200 of a route answering a PDF file. */
export const pdfResponse = (description: string) => ({
  description,
  schema: z.string().openapi({ type: "string", format: "binary" }),
  contentType: "application/pdf",
});

const PRINT_RULES =
  "An A4 PDF (application/pdf, inline, named after the number): the organization's name, postal address and tax id (the tenant's settings, when given), " +
  "the customer's legal name, billing address and tax id from finance's copy of master-data's customer, the number, issue and due dates, " +
  "one row per line (description, quantity, unit price, discount, tax rate, net), the tax per rate, subtotal, tax, total, what is paid and " +
  "credited, and the amount due, in the document's currency. A draft prints as a pro-forma stamped DRAFT; a voided document is stamped VOID. " +
  "An issued document keeps the organization's and the customer's name, address and tax id it was first printed with: printing it again " +
  "after either changed shows them as they were.";

/**
 * Prints the organization's `kind` document `id` into `res`: the rest from the database, the letterhead
 * from the directory and the customer from finance's read model for a draft; an issued document
 * keeps the letterhead and customer it was first printed with (as Odoo keeps an invoice's first PDF,
 * and ERPNext copies the addresses onto the invoice), so a later change of the organization's or the
 * customer's address or tax id does not rewrite it.
 * @throws AppError 404 NOT_FOUND (none of the organization's), 503 when the ledger or the tenant service is unavailable
 */
export async function sendDocumentPdf(
  res: RouteContext["res"],
  deps: { ledger: Ledger; directory: OrganizationDirectory },
  scope: Scope,
  input: { id: string; kind: PrintableKind },
): Promise<void> {
  const { draft, kept, ...document } = await inLedger(deps.ledger, scope, (tx) => printableDocument(tx, scope, input));
  let parties = kept;
  if (!parties) {
    // Asked outside any transaction (an HTTP call); an issued document then keeps them for good.
    const letterhead = await deps.directory.letterhead(scope.organizationId);
    const current = { organization: letterhead ?? { name: "", addressLines: [], taxId: null }, customer: document.customer };
    // A letterhead the tenant service does not know is not kept: the next print asks again.
    parties = draft || !letterhead ? current : await inLedger(deps.ledger, scope, (tx) => keepPrintedParties(tx, scope, input.id, current));
  }
  const pdf = await renderDocumentPdf({ ...document, ...parties });
  const fileName = document.number ?? `${input.kind === "invoice" ? "invoice" : "credit-note"}-draft-${input.id}`;
  res.status(200).type("application/pdf").setHeader("Content-Disposition", `inline; filename="${fileName}.pdf"`).send(pdf);
}

export function registerInvoicePdfRoutes(route: ServiceApp["route"], ledger: Ledger, directory: OrganizationDirectory): void {
  route({
    method: "get",
    path: "/invoices/{id}/pdf",
    summary: "Print an invoice (PDF)",
    description: PRINT_RULES,
    tags: ["Invoices"],
    access: { permission: permissions.invoiceRead },
    request: { params: z.object({ id: z.uuid() }) },
    responses: {
      200: pdfResponse("The invoice as a PDF file"),
      404: { description: "No such invoice, or another organization's (NOT_FOUND)" },
      503: { description: "The organization's ledger could not be set up yet, or the tenant service did not answer", codes: [LEDGER_UNAVAILABLE, "UPSTREAM_UNAVAILABLE"] },
    },
    handler: ({ res, scope, params }) => sendDocumentPdf(res, { ledger, directory }, scope, { id: params.id, kind: "invoice" }),
  });
}
