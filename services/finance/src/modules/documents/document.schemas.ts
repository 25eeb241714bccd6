/** Request and response schemas of invoices and bills (one shape, the party field named per kind), and the document DTO. */
import { dateString } from "@erp/dates";
import { listQuery, z } from "@erp/http-kit";
import { currencyCode, Decimal, decimalString, formatMoney, minorUnits } from "@erp/money";
import { NOT_IN_FUTURE_RULE } from "../periods/not-in-future";
import { TAX_ROUNDING_RULE } from "../tax-rates/tax-calculation";
import type { DocumentKindConfig, PartyField } from "./document-kinds";
import type { DocumentWithLines } from "./document.repository";

const DOCUMENT_STATUSES = ["draft", "issued", "approved", "partially_paid", "paid", "void"] as const;

// document_lines: quantity numeric(18, 4), unit_price numeric(20, 6), discount_percent numeric(5, 2).
const quantity = decimalString(4, "positive", "2", 18).describe("Greater than 0, at most 4 decimals");
const unitPrice = decimalString(6, "nonNegative", "150.00", 20).describe("In the document's currency, at most 6 decimals");
const discountPercent = decimalString(2, "nonNegative", "10", 5)
  .refine((value) => !/^\d+(\.\d+)?$/.test(value) || new Decimal(value).lte(100), "Must be at most 100")
  .describe("Percent off the line, 0..100 (default 0)");
// documents.exchange_rate numeric(20, 10).
const exchangeRate = decimalString(10, "positive", "1.0850", 20).describe(
  "Base currency per one unit of the document's currency. Default: 1 for the base currency, else the organization's rate on the issue date",
);

const EXAMPLE_IDS = {
  party: "0193a1b2-0000-7000-8000-000000000301",
  product: "0193a1b2-0000-7000-8000-000000000401",
  taxRate: "0193a1b2-0000-7000-8000-000000000501",
};

function lineBody(kind: DocumentKindConfig) {
  const priceSource = kind.kind === "invoice" ? "sale price" : "purchase cost";
  const accountRule =
    kind.kind === "invoice"
      ? "An active posting income account. Default: the chart's first active posting account of subtype sales"
      : "An active posting expense or asset (inventory, fixed asset) account, or goods received not invoiced. Default: the chart's first active posting account of subtype goods_received_not_invoiced for a stock item (its receipt was posted to inventory), else of subtype operating_expense";
  return z
    .object({
      productId: z.uuid().optional().describe("A product finance has heard of from master data; its name and price are the defaults"),
      description: z.string().trim().min(1).max(1000).optional().describe("Required without productId; default: the product's name"),
      quantity,
      unitPrice: unitPrice
        .optional()
        .describe(`In the document's currency, at most 6 decimals. Default: the product's ${priceSource} when it is in the document's currency`),
      discountPercent: discountPercent.optional(),
      taxRateId: z
        .uuid()
        .nullable()
        .optional()
        .describe(
          `An active tax rate that applies to ${kind.taxUsage}. Left out on a product's line: the product's tax rate (the active ${kind.taxUsage} ` +
            "rate of the product's percentage; 422 PRODUCT_TAX_RATE_MISSING without one); null: no tax",
        ),
      accountId: z.uuid().optional().describe(accountRule),
    })
    .strict()
    .refine((line) => line.productId !== undefined || line.description !== undefined, { message: "Give a description or a productId", path: ["description"] })
    .refine((line) => line.productId !== undefined || line.unitPrice !== undefined, { message: "Give a unitPrice or a productId", path: ["unitPrice"] });
}

/** A document line as the API shows it (invoices, bills, credit notes). */
export const documentLineDto = z.object({
  id: z.uuid(),
  lineNumber: z.number().int(),
  productId: z.uuid().nullable(),
  description: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  taxRateId: z.uuid().nullable(),
  taxRate: z.string().nullable().describe("The rate's percent as the line carries it"),
  accountId: z.uuid().nullable(),
  net: z.string(),
  tax: z.string(),
  total: z.string(),
  creditedQuantity: z.string().describe("Taken back by credit notes so far"),
});

/** The tax per rate of a document: Σ nets and Σ taxes of its lines with that rate. */
export const documentTaxesDto = z
  .array(z.object({ taxRateId: z.uuid(), rate: z.string(), base: z.string(), tax: z.string() }))
  .describe("Per tax rate: Σ nets and Σ taxes of its lines");

/** Every schema of one kind: the create and update bodies, the post (issue/approve) and void bodies, the DTO, the list query. */
/** `{ [field]: value }` typed with the field's literal name (a computed key alone widens to an index signature). */
function keyed<P extends string, V>(field: P, value: V): { [K in P]: V } {
  return { [field]: value } as { [K in P]: V };
}

export function documentSchemas<P extends PartyField>(kind: DocumentKindConfig<P>) {
  const partyId = z.uuid().describe(kind.kind === "invoice" ? "The customer (finance's read model of master data)" : "The supplier (finance's read model of master data)");
  const fields = {
    ...keyed(kind.partyField, partyId),
    issueDate: dateString.describe("Default: today (UTC)"),
    dueDate: dateString.describe("On or after the issue date. Default: the issue date plus the party's payment terms"),
    currency: currencyCode.describe("ISO 4217. Default: the party's currency"),
    reference: z.string().trim().max(200).nullable(),
    notes: z.string().trim().max(5000).nullable(),
    ...(kind.kind === "bill"
      ? { supplierInvoiceNumber: z.string().trim().min(1).max(100).nullable().describe("The supplier's own number for it (trimmed): unique per supplier, ignoring letter case (a voided bill frees it)") }
      : {}),
    lines: z.array(lineBody(kind)).min(1).max(200).describe(`The document's lines. ${TAX_ROUNDING_RULE}`),
  };
  const exampleLines = [
    { productId: EXAMPLE_IDS.product, quantity: "2", unitPrice: "150.00", taxRateId: EXAMPLE_IDS.taxRate },
    { description: kind.kind === "invoice" ? "Installation" : "Freight", quantity: "1", unitPrice: "80.00", discountPercent: "10" },
  ];
  const createExample = {
    [kind.partyField]: EXAMPLE_IDS.party,
    issueDate: "2026-03-02",
    currency: "EUR",
    reference: kind.kind === "invoice" ? "PO-7781" : "Order 2026-114",
    ...(kind.kind === "bill" ? { supplierInvoiceNumber: "SUP-INV-99812" } : {}),
    lines: exampleLines,
  };

  const create = z
    .object({
      ...fields,
      issueDate: fields.issueDate.optional(),
      dueDate: fields.dueDate.optional(),
      currency: fields.currency.optional(),
      reference: fields.reference.optional(),
      notes: fields.notes.optional(),
      ...(kind.kind === "bill" ? { supplierInvoiceNumber: fields.supplierInvoiceNumber!.optional() } : {}),
    })
    .strict()
    .openapi({ example: createExample });

  const update = z
    .object(fields)
    .partial()
    .strict()
    .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
    .openapi({ example: { dueDate: "2026-04-15", notes: "Deliver to the side entrance", lines: exampleLines } });

  const post = z
    .object({ exchangeRate: exchangeRate.optional() })
    .strict()
    .default({})
    .openapi({ example: { exchangeRate: "1.0850" } });

  const voidBody = z
    .object({
      reason: z.string().trim().min(1).max(1000).describe("Why it is voided: kept on the document and in the event"),
      date: dateString.optional().describe(`The reversal's date, on or after the issue date. ${NOT_IN_FUTURE_RULE} (a document issued ahead is voided on its issue date). Default: today, or the issue date when that is later`),
    })
    .strict()
    .openapi({ example: { reason: kind.kind === "invoice" ? "Issued to the wrong customer" : "Entered twice" } });


  const dto = z
    .object({
      id: z.uuid(),
      status: z.enum(DOCUMENT_STATUSES),
      number: z.string().nullable().describe(`${kind.series}-<fiscal year>-<4 digits>, given when ${kind.postedStatus}, gap-free per fiscal year`),
      ...keyed(kind.partyField, z.uuid()),
      partyName: z.string(),
      issueDate: z.string(),
      dueDate: z.string(),
      overdue: z.boolean().describe("Not fully paid and due before today (UTC)"),
      currency: z.string(),
      exchangeRate: z.string().nullable().describe("Fixed when issued or approved; null on a draft"),
      reference: z.string().nullable(),
      ...(kind.kind === "bill" ? { supplierInvoiceNumber: z.string().nullable() } : {}),
      notes: z.string().nullable(),
      lines: z.array(documentLineDto),
      subtotal: z.string(),
      taxes: documentTaxesDto,
      taxTotal: z.string(),
      total: z.string(),
      amountPaid: z.string(),
      amountCredited: z.string(),
      amountDue: z.string(),
      baseTotal: z.string().nullable().describe("The total in the base currency as posted"),
      baseAmountDue: z.string().nullable(),
      journalEntryId: z.uuid().nullable(),
      voidEntryId: z.uuid().nullable(),
      ...(kind.kind === "invoice"
        ? {
            creditNotes: z
              .array(z.object({ id: z.uuid(), number: z.string(), issueDate: z.string(), total: z.string(), amountUnapplied: z.string(), status: z.string() }))
              .describe("Credit notes issued against it (GET /credit-notes/{id}), oldest first; amountUnapplied: the part of each not allocated yet"),
          }
        : {}),
      issuedAt: z.string().nullable(),
      issuedBy: z.string().nullable(),
      voidedAt: z.string().nullable(),
      voidReason: z.string().nullable(),
      createdBy: z.string(),
      createdAt: z.string(),
      updatedAt: z.string(),
    })
    .describe(`Amounts are decimal strings with exactly the currency's minor units. ${TAX_ROUNDING_RULE}`);

  const list = listQuery({
    sortable: ["issueDate", "dueDate", "total", "createdAt"],
    defaultSort: "-issueDate",
    filters: {
      status: z.enum(DOCUMENT_STATUSES).optional(),
      ...keyed(kind.partyField, z.uuid().optional()),
      from: dateString.optional().describe("Issued on or after"),
      to: dateString.optional().describe("Issued on or before"),
      overdue: z.enum(["true", "false"]).optional().describe("true: only overdue documents; false: only those that are not"),
    },
  });

  return { create, update, post, void: voidBody, dto, list };
}

type Schemas = ReturnType<typeof documentSchemas>;

/** What the use cases take: the party as `partyId` whichever the kind's field. */
export interface DocumentFields {
  partyId?: string;
  issueDate?: string;
  dueDate?: string;
  currency?: string;
  reference?: string | null;
  notes?: string | null;
  supplierInvoiceNumber?: string | null;
  lines?: DocumentLineInput[];
}

export interface DocumentLineInput {
  productId?: string;
  description?: string;
  quantity: string;
  unitPrice?: string;
  discountPercent?: string;
  /** Left out: the product's tax rate, if any; null: no tax. */
  taxRateId?: string | null;
  accountId?: string;
}

export interface DocumentListFilters {
  limit: number;
  cursor?: string;
  sort: string;
  count?: boolean;
  q?: string;
  status?: (typeof DOCUMENT_STATUSES)[number];
  partyId?: string;
  from?: string;
  to?: string;
  overdue?: "true" | "false";
}

/** A request body or query with the kind's party field (`customerId`, `supplierId`) read as `partyId`. */
export function withPartyId(kind: DocumentKindConfig, input: Record<string, unknown>): Record<string, unknown> & { partyId?: string } {
  const { [kind.partyField]: partyId, ...rest } = input;
  return partyId === undefined ? rest : { ...rest, partyId: partyId as string };
}

export type CreateDocumentBody = z.infer<Schemas["create"]>;
export type DocumentDtoSchema = Schemas["dto"];

/** A document as the API shows it: party, lines, taxes per rate, amounts with the currency's minor units. */
export interface DocumentDto {
  id: string;
  kind: "invoice" | "credit_note" | "bill";
  status: (typeof DOCUMENT_STATUSES)[number];
  number: string | null;
  partyId: string;
  partyName: string;
  issueDate: string;
  dueDate: string;
  overdue: boolean;
  currency: string;
  exchangeRate: string | null;
  reference: string | null;
  supplierInvoiceNumber: string | null;
  notes: string | null;
  lines: {
    id: string;
    lineNumber: number;
    productId: string | null;
    description: string;
    quantity: string;
    unitPrice: string;
    discountPercent: string;
    taxRateId: string | null;
    taxRate: string | null;
    accountId: string | null;
    net: string;
    tax: string;
    total: string;
    creditedQuantity: string;
    creditedLineId: string | null;
  }[];
  subtotal: string;
  taxes: { taxRateId: string; rate: string; base: string; tax: string }[];
  taxTotal: string;
  total: string;
  amountPaid: string;
  amountCredited: string;
  amountDue: string;
  baseTotal: string | null;
  baseAmountDue: string | null;
  journalEntryId: string | null;
  voidEntryId: string | null;
  creditedDocumentId: string | null;
  /** The credit notes issued against it (an invoice's), oldest first; `amountUnapplied` is what each has not allocated yet. */
  creditNotes: { id: string; number: string | null; issueDate: string; total: string; amountUnapplied: string; status: string }[];
  issuedAt: string | null;
  issuedBy: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** `2026-03-31` for a date column (read as UTC midnight). */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
/** Today as a calendar date (UTC). */
export const today = (): string => isoDay(new Date());

const OPEN: readonly string[] = ["issued", "approved", "partially_paid"];

/** Not fully settled and due before `on` (default today, UTC). */
export function isOverdue(row: { status: string; dueDate: Date }, on: string = today()): boolean {
  return OPEN.includes(row.status) && isoDay(row.dueDate) < on;
}

/** `value` with at least the currency's minor units (more when a unit price carries them). */
function atLeastMinor(value: Decimal, currency: string): string {
  return value.toFixed(Math.max(minorUnits(currency), value.decimalPlaces()));
}

/**
 * Any document (invoice, credit note, bill) as the API shows it, kind-neutral: the party as
 * `partyId` (routes rename it `customerId`/`supplierId`, `toKindDto`). Base amounts are shown with
 * `baseCurrency`'s minor units.
 */
export function toDocumentDto(row: DocumentWithLines, baseCurrency: string): DocumentDto {
  const { currency } = row;
  const money = (value: Decimal) => formatMoney(value, currency);
  const taxes = new Map<string, { rate: Decimal; base: Decimal; tax: Decimal }>();
  for (const line of row.lines) {
    if (!line.taxRateId || !line.taxRate) continue;
    const sum = taxes.get(line.taxRateId) ?? { rate: line.taxRate, base: new Decimal(0), tax: new Decimal(0) };
    taxes.set(line.taxRateId, { rate: sum.rate, base: sum.base.plus(line.net), tax: sum.tax.plus(line.tax) });
  }
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    number: row.number,
    partyId: row.partyId,
    partyName: row.party.displayName,
    issueDate: isoDay(row.issueDate),
    dueDate: isoDay(row.dueDate),
    overdue: isOverdue(row),
    currency,
    exchangeRate: row.exchangeRate?.toFixed() ?? null,
    reference: row.reference,
    supplierInvoiceNumber: row.supplierInvoiceNumber,
    notes: row.notes,
    lines: row.lines.map((line) => ({
      id: line.id,
      lineNumber: line.lineNumber,
      productId: line.productId,
      description: line.description,
      quantity: line.quantity.toFixed(),
      unitPrice: atLeastMinor(line.unitPrice, currency),
      discountPercent: line.discountPercent.toFixed(2),
      taxRateId: line.taxRateId,
      taxRate: line.taxRate?.toFixed() ?? null,
      accountId: line.accountId,
      net: money(line.net),
      tax: money(line.tax),
      total: money(line.total),
      creditedQuantity: line.creditedQuantity.toFixed(),
      creditedLineId: line.creditedLineId,
    })),
    subtotal: money(row.subtotal),
    taxes: [...taxes].map(([taxRateId, sum]) => ({ taxRateId, rate: sum.rate.toFixed(), base: money(sum.base), tax: money(sum.tax) })),
    taxTotal: money(row.taxTotal),
    total: money(row.total),
    amountPaid: money(row.amountPaid),
    amountCredited: money(row.amountCredited),
    amountDue: money(row.amountDue),
    baseTotal: row.baseTotal ? formatMoney(row.baseTotal, baseCurrency) : null,
    baseAmountDue: row.baseAmountDue ? formatMoney(row.baseAmountDue, baseCurrency) : null,
    journalEntryId: row.journalEntryId,
    voidEntryId: row.voidEntryId,
    creditedDocumentId: row.creditedDocumentId,
    creditNotes: row.creditNotes.map((note) => ({
      id: note.id,
      number: note.number,
      issueDate: isoDay(note.issueDate),
      total: money(note.total),
      amountUnapplied: money(note.amountDue),
      status: note.status,
    })),
    issuedAt: row.issuedAt?.toISOString() ?? null,
    issuedBy: row.issuedBy,
    voidedAt: row.voidedAt?.toISOString() ?? null,
    voidReason: row.voidReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An invoice's or a bill's DTO as its routes answer: the party as `customerId`/`supplierId`, only the kind's fields. */
export function toKindDto(kind: DocumentKindConfig, dto: DocumentDto): Record<string, unknown> {
  const { partyId, kind: _kind, supplierInvoiceNumber, creditedDocumentId: _credited, creditNotes, lines, ...rest } = dto;
  return {
    ...rest,
    [kind.partyField]: partyId,
    ...(kind.kind === "bill" ? { supplierInvoiceNumber } : { creditNotes }),
    lines: lines.map(({ creditedLineId: _line, ...line }) => line),
  };
}
