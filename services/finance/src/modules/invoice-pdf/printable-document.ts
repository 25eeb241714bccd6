/**
 * What a printed invoice or credit note shows, read from the document, its lines, finance's copy
 * of the customer and the tax rates' names, formatted as the API formats them (amounts with the
 * currency's minor units). A draft prints as a pro-forma stamped DRAFT, a voided one stamped VOID.
 */
import { notFound } from "@erp/errors";
import { Decimal, minorUnits } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { postalAddressLines } from "./address-lines";
import type { PrintableDocument } from "./render-document-pdf";

export type PrintableKind = "invoice" | "credit_note";

const titles: Record<PrintableKind, string> = { invoice: "Invoice", credit_note: "Credit note" };
const notFoundNames: Record<PrintableKind, string> = { invoice: "Invoice", credit_note: "Credit note" };
const day = (value: Date) => value.toISOString().slice(0, 10);

/** A quantity without trailing zeros: "2", "1.5". */
const quantity = (value: Decimal) => new Decimal(value).toFixed();

/** A unit price with the currency's decimals, more when it has more: "12.50", "0.125". */
function unitPrice(value: Decimal, scale: number): string {
  const price = new Decimal(value);
  return price.toFixed(Math.max(scale, price.decimalPlaces()));
}

/** Who a printed document comes from and goes to. */
export type PrintedParties = Pick<PrintableDocument, "organization" | "customer">;

/**
 * A document ready to print but for the letterhead: `customer` is the customer as finance knows it
 * today; `kept` the parties it was first printed with once issued (null: a draft, or not printed
 * since it was issued), which win over today's.
 */
export type PrintableWithoutLetterhead = Omit<PrintableDocument, "organization"> & { draft: boolean; kept: PrintedParties | null };

/**
 * The organization's `kind` document `id`, ready to print (but for the letterhead, which the tenant
 * service knows, unless the issued document kept the one it was first printed with).
 * @throws AppError 404 NOT_FOUND when the organization has no such document of that kind
 */
export async function printableDocument(tx: Tx, scope: Scope, input: { id: string; kind: PrintableKind }): Promise<PrintableWithoutLetterhead> {
  const { organizationId } = scope;
  const document = await tx.document.findFirst({
    where: { organizationId, id: input.id, kind: input.kind },
    include: {
      lines: { orderBy: { lineNumber: "asc" } },
      party: { select: { displayName: true, legalName: true, taxId: true, billingAddress: true } },
      creditedDocument: { select: { number: true } },
    },
  });
  if (!document) throw notFound(notFoundNames[input.kind]);
  const taxRateIds = [...new Set(document.lines.flatMap((line) => (line.taxRateId ? [line.taxRateId] : [])))];
  const taxRates = await tx.taxRate.findMany({ where: { organizationId, id: { in: taxRateIds } }, select: { id: true, name: true } });
  const taxNames = new Map(taxRates.map((rate) => [rate.id, rate.name]));

  const scale = minorUnits(document.currency);
  const money = (value: Decimal) => new Decimal(value).toFixed(scale);
  const taxes = new Map<string, { label: string; base: Decimal; tax: Decimal }>();
  for (const line of document.lines) {
    if (!line.taxRateId || line.taxRate === null) continue;
    const key = `${line.taxRateId}/${new Decimal(line.taxRate).toFixed()}`;
    const sum = taxes.get(key) ?? { label: `${taxNames.get(line.taxRateId) ?? "Tax"} (${new Decimal(line.taxRate).toFixed()}%)`, base: new Decimal(0), tax: new Decimal(0) };
    taxes.set(key, { ...sum, base: sum.base.plus(line.net), tax: sum.tax.plus(line.tax) });
  }

  const settled =
    input.kind === "invoice"
      ? [
          { label: "Paid", value: document.amountPaid },
          { label: "Credited", value: document.amountCredited },
        ]
      : [{ label: "Applied", value: document.amountCredited }];
  const party = document.party;
  return {
    draft: document.status === "draft",
    kept: readPrintedParties(document.printedParties),
    title: titles[input.kind],
    number: document.number,
    stamp: document.status === "draft" ? "DRAFT" : document.status === "void" ? "VOID" : null,
    customer: { name: party.legalName || party.displayName, addressLines: postalAddressLines(party.billingAddress), taxId: party.taxId },
    issueDate: day(document.issueDate),
    dueDate: day(document.dueDate),
    currency: document.currency,
    facts: [
      ...(document.creditedDocument?.number ? [{ label: "Credits invoice", value: document.creditedDocument.number }] : []),
      ...(document.reference ? [{ label: "Reference", value: document.reference }] : []),
    ],
    lines: document.lines.map((line) => ({
      description: line.description,
      quantity: quantity(line.quantity),
      unitPrice: unitPrice(line.unitPrice, scale),
      discountPercent: new Decimal(line.discountPercent).isZero() ? "" : new Decimal(line.discountPercent).toFixed(),
      taxRate: line.taxRate === null ? "" : `${new Decimal(line.taxRate).toFixed()}%`,
      net: money(line.net),
    })),
    taxes: [...taxes.values()].map((sum) => ({ label: sum.label, base: money(sum.base), tax: money(sum.tax) })),
    totals: [
      { label: "Subtotal", value: money(document.subtotal) },
      { label: "Tax", value: money(document.taxTotal) },
      { label: "Total", value: money(document.total) },
      ...settled.filter((row) => !new Decimal(row.value).isZero()).map((row) => ({ label: row.label, value: money(row.value) })),
      { label: input.kind === "invoice" ? "Amount due" : "Credit remaining", value: money(document.amountDue) },
    ],
    notes: document.notes,
  };
}

/**
 * Keeps `parties` on the issued document `id` unless it kept some already (a concurrent first
 * print), and answers the ones it keeps: an issued document prints its issuer and customer as it
 * first printed them.
 */
export async function keepPrintedParties(tx: Tx, scope: Scope, id: string, parties: PrintedParties): Promise<PrintedParties> {
  const [row] = await tx.$queryRaw<{ printed_parties: unknown }[]>`
    UPDATE documents SET printed_parties = COALESCE(printed_parties, ${JSON.stringify(parties)}::jsonb)
    WHERE organization_id = ${scope.organizationId}::uuid AND id = ${id}::uuid AND status <> 'draft'
    RETURNING printed_parties`;
  return readPrintedParties(row?.printed_parties) ?? parties;
}

/** Stored printed parties, or null when none are stored (or they are not such). */
function readPrintedParties(stored: unknown): PrintedParties | null {
  if (!stored || typeof stored !== "object") return null;
  const { organization, customer } = stored as Record<string, unknown>;
  const organizationRead = readParty(organization);
  const customerRead = readParty(customer);
  return organizationRead && customerRead ? { organization: organizationRead, customer: customerRead } : null;
}

/** A stored letterhead or customer block ({name, addressLines, taxId}), or null when it is not one. */
function readParty(stored: unknown): PrintableDocument["customer"] | null {
  if (!stored || typeof stored !== "object") return null;
  const { name, addressLines, taxId } = stored as Record<string, unknown>;
  if (typeof name !== "string" || !Array.isArray(addressLines) || !addressLines.every((line) => typeof line === "string")) return null;
  return { name, addressLines, taxId: typeof taxId === "string" ? taxId : null };
}
