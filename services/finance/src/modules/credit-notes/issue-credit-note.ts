/**
 * Crediting an invoice, in one transaction: the invoice row is locked (FOR UPDATE: two credit
 * notes for its last unit queue, and the later one sees what the first took), the credited
 * quantities are checked against what is invoiced and not yet credited (the CHECK on
 * credited_quantity guards it once more), the credit note is numbered in its own series (CN),
 * posted as the mirror of the credited lines at the invoice's rate, applied at once to the
 * invoice's amount due, and finance.credit_note.issued is written. Lock order: the invoice row,
 * the number counter, the ledger's chain row (inside the posting).
 */
import { uuidv7 } from "@erp/db";
import { creditNoteIssued } from "@erp/event-catalog";
import { notFound } from "@erp/errors";
import { appendToOutbox } from "@erp/events";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { accountRepository } from "../accounts/account.repository";
import { nextDocumentNumber } from "../documents/document-numbers";
import { defaultAccountMissing, documentNotIn } from "../documents/document.errors";
import { documentRepository, type DocumentWithLines } from "../documents/document.repository";
import { isoDay, today } from "../documents/document.schemas";
import type { EntryLineInput } from "../journal/journal.schemas";
import { postEntryOnce } from "../journal/post-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { requireActiveParty } from "../parties/require-active-party";
import { fiscalYearOf } from "../periods/fiscal-year";
import { assertNotInFuture } from "../periods/not-in-future";
import { taxRateRepository } from "../tax-rates/tax-rate.repository";
import { lineNet, lineTax } from "../tax-rates/tax-calculation";
import { applyCredit } from "./apply-credit";
import { creditExceedsInvoiced, creditNoteBeforeInvoice, nothingToCredit, unknownInvoiceLine } from "./credit-note.errors";
import { creditNoteRepository } from "./credit-note.repository";
import type { CreditNoteDto, IssueCreditNoteInput } from "./credit-note.schemas";
import { getCreditNote } from "./get-credit-note";

const CREDITABLE = ["issued", "partially_paid", "paid"];

type InvoiceLine = DocumentWithLines["lines"][number];

interface CreditLine {
  invoiceLine: InvoiceLine;
  quantity: Decimal;
  net: Decimal;
  tax: Decimal;
}

/** What the request credits of each line: its quantity, or every line's whole quantity not yet credited. */
function creditedQuantities(invoice: DocumentWithLines, lines: IssueCreditNoteInput["lines"]): { invoiceLine: InvoiceLine; quantity: Decimal }[] {
  const left = (line: InvoiceLine) => line.quantity.minus(line.creditedQuantity);
  if (!lines) return invoice.lines.filter((line) => left(line).gt(0)).map((line) => ({ invoiceLine: line, quantity: left(line) }));
  return lines.map((requested, index) => {
    const invoiceLine = invoice.lines.find((line) => line.id === requested.invoiceLineId);
    if (!invoiceLine) throw unknownInvoiceLine(index);
    const quantity = new Decimal(requested.quantity);
    if (quantity.gt(left(invoiceLine))) throw creditExceedsInvoiced(index, left(invoiceLine).toFixed());
    return { invoiceLine, quantity };
  });
}

/**
 * Each credited line's net and tax: the invoice's rule on the credited quantity, never more than
 * the line has left uncredited, and exactly what it has left when this credits its last quantity
 * (so credits in parts add up to the line).
 */
async function creditLineAmounts(tx: Tx, scope: Scope, invoice: DocumentWithLines, credited: { invoiceLine: InvoiceLine; quantity: Decimal }[]): Promise<CreditLine[]> {
  const taken = await creditNoteRepository(tx).creditedSoFar(scope.organizationId, credited.map((c) => c.invoiceLine.id));
  return credited.map(({ invoiceLine, quantity }) => {
    const before = taken.get(invoiceLine.id) ?? { net: new Decimal(0), tax: new Decimal(0) };
    const netLeft = invoiceLine.net.minus(before.net);
    const taxLeft = invoiceLine.tax.minus(before.tax);
    if (quantity.eq(invoiceLine.quantity.minus(invoiceLine.creditedQuantity))) return { invoiceLine, quantity, net: netLeft, tax: taxLeft };
    const net = Decimal.min(lineNet({ quantity, unitPrice: invoiceLine.unitPrice, discountPercent: invoiceLine.discountPercent }, invoice.currency), netLeft);
    const tax = invoiceLine.taxRate === null ? new Decimal(0) : Decimal.min(lineTax(net, invoiceLine.taxRate, invoice.currency), taxLeft);
    return { invoiceLine, quantity, net, tax };
  });
}

/** Σ `amount` per key, zero sums left out (a ledger line is never 0). */
function sumBy(lines: readonly CreditLine[], key: (line: CreditLine) => string, amount: (line: CreditLine) => Decimal): [string, Decimal][] {
  const sums = new Map<string, Decimal>();
  for (const line of lines) sums.set(key(line), (sums.get(key(line)) ?? new Decimal(0)).plus(amount(line)));
  return [...sums].filter(([, sum]) => sum.gt(0));
}

/** The mirror of the invoice's entry for the credited lines: Dr income (nets), Dr tax accounts (taxes), Cr receivable (the total) with the customer. */
async function entryLines(
  tx: Tx,
  scope: Scope,
  invoice: DocumentWithLines,
  lines: CreditLine[],
  input: { receivableAccountId: string; total: Decimal; number: string },
): Promise<EntryLineInput[]> {
  const taxAccounts = new Map<string, string>();
  for (const taxRateId of new Set(lines.flatMap((line) => (line.invoiceLine.taxRateId ? [line.invoiceLine.taxRateId] : [])))) {
    const rate = await taxRateRepository(tx).find(scope.organizationId, taxRateId);
    taxAccounts.set(taxRateId, rate!.taxAccountId);
  }
  const common = { currency: invoice.currency, exchangeRate: invoice.exchangeRate!.toFixed(), description: `Credit note ${input.number}` };
  const amount = (value: Decimal) => formatMoney(value, invoice.currency);
  return [
    ...sumBy(lines, (line) => line.invoiceLine.accountId!, (line) => line.net).map(([accountId, net]) => ({ accountId, debit: amount(net), ...common })),
    ...sumBy(
      lines.filter((line) => line.invoiceLine.taxRateId),
      (line) => taxAccounts.get(line.invoiceLine.taxRateId!)!,
      (line) => line.tax,
    ).map(([accountId, tax]) => ({ accountId, debit: amount(tax), ...common, description: `Credit note ${input.number} tax` })),
    { accountId: input.receivableAccountId, credit: amount(input.total), ...common, party: { type: "customer" as const, id: invoice.partyId } },
  ];
}

/**
 * Credits invoice `invoiceId` (all that is not credited yet, or the given lines and quantities).
 * @throws AppError 404 NOT_FOUND (no such invoice); 409 INVALID_STATE (a draft or void invoice);
 *   422 UNKNOWN_INVOICE_LINE, CREDIT_EXCEEDS_INVOICED (naming `lines.<n>.…`), NOTHING_TO_CREDIT,
 *   CREDIT_NOTE_BEFORE_INVOICE, DATE_IN_FUTURE (issueDate), PARTY_ARCHIVED (customerId: the invoice's customer archived), DEFAULT_ACCOUNT_MISSING, and the ledger's posting rules (PERIOD_LOCKED…)
 */
export async function issueCreditNote(tx: Tx, scope: Scope, input: { invoiceId: string } & IssueCreditNoteInput): Promise<CreditNoteDto> {
  const { organizationId } = scope;
  const invoice = await documentRepository(tx).findForUpdate(organizationId, input.invoiceId);
  if (!invoice || invoice.kind !== "invoice") throw notFound("Invoice");
  if (!CREDITABLE.includes(invoice.status)) throw documentNotIn("invoice", invoice.number, invoice.status, "only an issued invoice is credited");
  // A credit note is a new document: an archived customer gets none (as no new invoice).
  await requireActiveParty(tx, scope, { kind: "customer", id: invoice.partyId, path: "customerId" });
  const invoiceDate = isoDay(invoice.issueDate);
  // Applied to the invoice now, so posted now: never later than today (or than the issue date of an invoice issued ahead).
  if (input.issueDate !== undefined) assertNotInFuture(input.issueDate, "issueDate", invoiceDate);
  const issueDate = input.issueDate ?? (today() < invoiceDate ? invoiceDate : today());
  if (issueDate < invoiceDate) throw creditNoteBeforeInvoice(invoiceDate);

  const lines = await creditLineAmounts(tx, scope, invoice, creditedQuantities(invoice, input.lines));
  const subtotal = lines.reduce((sum, line) => sum.plus(line.net), new Decimal(0));
  const taxTotal = lines.reduce((sum, line) => sum.plus(line.tax), new Decimal(0));
  const total = subtotal.plus(taxTotal);
  if (!total.gt(0)) throw nothingToCredit(input.lines ? "lines" : "invoiceId");

  const settings = await ledgerSettingsOf(tx, organizationId);
  const receivable = await accountRepository(tx).firstOfSubtype(organizationId, "receivable");
  if (!receivable) throw defaultAccountMissing("receivable", "invoiceId");
  const { fiscalYear } = fiscalYearOf(issueDate, settings.fiscalYearStartMonth);
  const { number, sequence } = await nextDocumentNumber(tx, organizationId, "CN", fiscalYear);
  const id = uuidv7();
  const { entry } = await postEntryOnce(tx, scope, {
    date: issueDate,
    memo: `Credit note ${number} for invoice ${invoice.number} to ${invoice.party.displayName}`,
    reference: number,
    source: { type: "credit_note", id },
    lines: await entryLines(tx, scope, invoice, lines, { receivableAccountId: receivable.id, total, number }),
  });
  const receivableLine = entry.lines.find((line) => line.accountId === receivable.id && line.party?.id === invoice.partyId);
  const baseTotal = new Decimal(receivableLine!.baseCredit);

  const repository = creditNoteRepository(tx);
  await repository.create(organizationId, {
    id,
    kind: "credit_note",
    status: "issued",
    number,
    fiscalYear,
    sequence,
    partyType: "customer",
    partyId: invoice.partyId,
    issueDate: new Date(`${issueDate}T00:00:00.000Z`),
    dueDate: new Date(`${issueDate}T00:00:00.000Z`),
    currency: invoice.currency,
    exchangeRate: invoice.exchangeRate,
    creditedDocumentId: invoice.id,
    notes: input.reason ?? null,
    subtotal,
    taxTotal,
    total,
    amountDue: total,
    baseTotal,
    baseAmountDue: baseTotal,
    journalEntryId: entry.id,
    issuedAt: new Date(),
    issuedBy: scope.actor.id,
    createdBy: scope.actor.id,
    lines: {
      create: lines.map((line, index) => ({
        id: uuidv7(),
        lineNumber: index + 1,
        productId: line.invoiceLine.productId,
        description: line.invoiceLine.description,
        quantity: line.quantity,
        unitPrice: line.invoiceLine.unitPrice,
        discountPercent: line.invoiceLine.discountPercent,
        taxRateId: line.invoiceLine.taxRateId,
        taxRate: line.invoiceLine.taxRate,
        accountId: line.invoiceLine.accountId,
        net: line.net,
        tax: line.tax,
        total: line.net.plus(line.tax),
        creditedLineId: line.invoiceLine.id,
      })),
    },
  });
  for (const line of lines) {
    await repository.raiseCreditedQuantity(organizationId, line.invoiceLine.id, line.quantity);
  }

  const applied = Decimal.min(total, invoice.amountDue);
  if (applied.gt(0)) {
    await applyCredit(tx, scope, { creditNoteId: id, invoiceId: invoice.id, amount: applied, date: issueDate, baseCurrency: settings.baseCurrency, path: "invoiceId" });
  }
  const dto = await getCreditNote(tx, scope, { id });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: creditNoteIssued,
    organizationId,
    aggregateType: "credit_note",
    aggregateId: id,
    actor: scope.actor,
    data: {
      number,
      partyId: invoice.partyId,
      issueDate,
      dueDate: issueDate,
      currency: dto.currency,
      subtotal: dto.subtotal,
      taxTotal: dto.taxTotal,
      total: dto.total,
      amountDue: dto.amountUnapplied,
      exchangeRate: dto.exchangeRate,
      baseCurrency: settings.baseCurrency,
      baseTotal: dto.baseTotal,
      journalEntryId: entry.id,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number!,
      amountApplied: dto.amountApplied,
      amountUnapplied: dto.amountUnapplied,
    },
  });
  return dto;
}
