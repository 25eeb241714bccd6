/**
 * Issuing an invoice, approving a bill: in one transaction the draft is locked, given its rate
 * (fixed from now on), the next gap-free number of its series and fiscal year, and its journal
 * entry (through the ledger's one posting path, source `{type: invoice|bill, id}`), and the event
 * is written. Lock order: the document row, the number counter, then the ledger's chain row
 * (inside the posting).
 *
 * Invoice: Dr receivable (the total, with the customer), Cr each income account (Σ its lines' nets),
 * Cr each tax rate's tax account (Σ its lines' taxes). Bill: the mirror, Cr payable, Dr expense (or
 * asset) accounts and recoverable tax. In the document's currency at its rate; the base total is the
 * receivable (payable) line's base amount as posted, round(total × rate).
 */
import { appendToOutbox } from "@erp/events";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { accountRepository } from "../accounts/account.repository";
import { journalRepository } from "../journal/journal.repository";
import type { EntryLineInput } from "../journal/journal.schemas";
import { postEntryOnce } from "../journal/post-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { requireActiveParty } from "../parties/require-active-party";
import { fiscalYearOf } from "../periods/fiscal-year";
import { requireUsableTaxRate } from "../tax-rates/manage-tax-rates";
import type { DocumentKindConfig } from "./document-kinds";
import { nextDocumentNumber } from "./document-numbers";
import { baseCurrencyRate, defaultAccountMissing, documentNotIn, exchangeRateMissing, nothingToPost } from "./document.errors";
import { documentRepository, type DocumentWithLines } from "./document.repository";
import { isoDay, toDocumentDto, type DocumentDto } from "./document.schemas";
import { findDocument } from "./get-document";

/**
 * The document's rate: the one given, else 1 in the base currency, else the organization's rate on
 * the issue date.
 * @throws AppError 422 EXCHANGE_RATE_MISSING, INVALID_EXCHANGE_RATE (a rate other than 1 for the base currency)
 */
async function documentRate(tx: Tx, scope: Scope, document: DocumentWithLines, baseCurrency: string, given: string | undefined): Promise<Decimal> {
  if (document.currency === baseCurrency) {
    if (given !== undefined && !new Decimal(given).eq(1)) throw baseCurrencyRate(baseCurrency);
    return new Decimal(1);
  }
  if (given !== undefined) return new Decimal(given);
  const rates = await journalRepository(tx).ratesOn(scope.organizationId, [document.currency], document.issueDate);
  const rate = rates.get(document.currency);
  if (!rate) throw exchangeRateMissing(document.currency, baseCurrency, isoDay(document.issueDate), "exchangeRate");
  return rate;
}

/** Σ `amount` per key, in first-seen order, zero sums left out (a ledger line is never 0). */
function sumBy<T>(items: readonly T[], key: (item: T) => string, amount: (item: T) => Decimal): [string, Decimal][] {
  const sums = new Map<string, Decimal>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? new Decimal(0)).plus(amount(item)));
  return [...sums].filter(([, sum]) => sum.gt(0));
}

/**
 * Each tax rate's tax account, for the lines that carry one. Every rate is checked again as the
 * draft's was: archived (or made not to apply) since, it is not posted.
 * @throws AppError 422 TAX_RATE_ARCHIVED, TAX_RATE_NOT_APPLICABLE, UNKNOWN_TAX_RATE, INVALID_TAX_ACCOUNT naming the first line's `lines.<n>.taxRateId`
 */
async function taxAccountsOf(tx: Tx, scope: Scope, kind: DocumentKindConfig, document: DocumentWithLines): Promise<Map<string, string>> {
  const taxAccounts = new Map<string, string>();
  for (const [index, line] of document.lines.entries()) {
    if (!line.taxRateId || taxAccounts.has(line.taxRateId)) continue;
    const rate = await requireUsableTaxRate(tx, scope, { id: line.taxRateId, usage: kind.taxUsage, path: `lines.${index}.taxRateId` });
    taxAccounts.set(rate.id, rate.taxAccountId);
  }
  return taxAccounts;
}

/** The entry's lines: the control account (receivable/payable) with the party, then the line accounts, then the tax accounts. */
function entryLines(
  kind: DocumentKindConfig,
  document: DocumentWithLines,
  input: { controlAccountId: string; taxAccounts: ReadonlyMap<string, string>; rate: Decimal; number: string },
): EntryLineInput[] {
  const { taxAccounts } = input;
  const invoice = kind.kind === "invoice";
  const common = { currency: document.currency, exchangeRate: input.rate.toFixed() };
  const control = invoice ? "debit" : "credit";
  const other = invoice ? "credit" : "debit";
  const amount = (value: Decimal) => formatMoney(value, document.currency);
  return [
    {
      accountId: input.controlAccountId,
      [control]: amount(document.total),
      ...common,
      description: `${kind.label} ${input.number}`,
      party: { type: kind.partyType, id: document.partyId },
    },
    ...sumBy(document.lines, (line) => line.accountId!, (line) => line.net).map(([accountId, net]) => ({ accountId, [other]: amount(net), ...common, description: `${kind.label} ${input.number}` })),
    ...sumBy(
      document.lines.filter((line) => line.taxRateId),
      (line) => taxAccounts.get(line.taxRateId!)!,
      (line) => line.tax,
    ).map(([accountId, tax]) => ({ accountId, [other]: amount(tax), ...common, description: `${kind.label} ${input.number} tax` })),
  ];
}

/**
 * Issues the invoice (approves the bill) `id`: numbered, posted, `issued` (`approved`).
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE (not a draft: issued twice, voided);
 *   422 EXCHANGE_RATE_MISSING, INVALID_EXCHANGE_RATE, NOTHING_TO_POST, DEFAULT_ACCOUNT_MISSING,
 *   PARTY_ARCHIVED, TAX_RATE_ARCHIVED / TAX_RATE_NOT_APPLICABLE (a line's rate changed since the draft:
 *   `lines.<n>.taxRateId`), and the ledger's posting rules (PERIOD_LOCKED, an account archived since the draft...)
 */
export async function postDocument(tx: Tx, scope: Scope, kind: DocumentKindConfig, input: { id: string; exchangeRate?: string }): Promise<DocumentDto> {
  const { organizationId } = scope;
  const document = await findDocument(tx, scope, kind, input.id, { lock: true });
  if (document.status !== "draft") throw documentNotIn(kind.kind, document.number, document.status, `only a draft is ${kind.postAction === "issue" ? "issued" : "approved"}`);
  await requireActiveParty(tx, scope, { kind: kind.partyType, id: document.partyId, path: kind.partyField });
  if (!document.total.gt(0)) throw nothingToPost();
  const settings = await ledgerSettingsOf(tx, organizationId);
  const rate = await documentRate(tx, scope, document, settings.baseCurrency, input.exchangeRate);
  const repository = documentRepository(tx);
  const control = await accountRepository(tx).firstOfSubtype(organizationId, kind.controlSubtype);
  if (!control) throw defaultAccountMissing(kind.controlSubtype, kind.partyField);

  const taxAccounts = await taxAccountsOf(tx, scope, kind, document);

  // The series' counter row is held from here until the commit: as little as possible after it.
  const issueDate = isoDay(document.issueDate);
  const { fiscalYear } = fiscalYearOf(issueDate, settings.fiscalYearStartMonth);
  const { number, sequence } = await nextDocumentNumber(tx, organizationId, kind.series, fiscalYear);
  const lines = entryLines(kind, document, { controlAccountId: control.id, taxAccounts, rate, number });
  const { entry } = await postEntryOnce(tx, scope, {
    date: issueDate,
    memo: `${kind.label} ${number} ${kind.kind === "invoice" ? "to" : "from"} ${document.party.displayName}`,
    reference: number,
    source: { type: kind.sourceType, id: document.id },
    lines,
  });
  const controlLine = entry.lines.find((line) => line.accountId === control.id && line.party?.id === document.partyId);
  const baseTotal = new Decimal(kind.kind === "invoice" ? controlLine!.baseDebit : controlLine!.baseCredit);

  const updated = await repository.update(organizationId, document.id, {
    status: kind.postedStatus,
    number,
    fiscalYear,
    sequence,
    exchangeRate: rate,
    baseTotal,
    baseAmountDue: baseTotal,
    amountDue: document.total,
    journalEntryId: entry.id,
    issuedAt: new Date(),
    issuedBy: scope.actor.id,
  });
  // The lines, the party and the credit notes (none yet) are as read under the lock: no second read while the series is held.
  const posted: DocumentWithLines = { ...document, ...updated };
  const dto = toDocumentDto(posted, settings.baseCurrency);
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: kind.events.posted,
    organizationId,
    aggregateType: kind.kind,
    aggregateId: document.id,
    actor: scope.actor,
    data: {
      number,
      partyId: dto.partyId,
      issueDate: dto.issueDate,
      dueDate: dto.dueDate,
      currency: dto.currency,
      subtotal: dto.subtotal,
      taxTotal: dto.taxTotal,
      total: dto.total,
      amountDue: dto.amountDue,
      exchangeRate: rate.toFixed(),
      baseCurrency: settings.baseCurrency,
      baseTotal: dto.baseTotal!,
      journalEntryId: entry.id,
      ...(kind.kind === "bill" ? { supplierInvoiceNumber: dto.supplierInvoiceNumber } : {}),
    },
  });
  return dto;
}
