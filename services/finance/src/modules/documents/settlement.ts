/**
 * Settling documents: what payments (payments module) and credit notes (credit-notes module) call,
 * in their own transaction, to take an amount off an invoice's, a bill's or a credit note's amount
 * due, and to give it back when a payment is voided. The document row is locked first (FOR
 * UPDATE), so concurrent settlements of one document queue and never take more than is due: the
 * later one sees what the earlier left and gets 422 ALLOCATION_EXCEEDS_DUE.
 *
 * Base amounts (the organization's currency) follow the document's rate: settling `amount` takes
 * round(amount × rate) off `base_amount_due`, or all that is left of it when the settlement clears
 * the last of the amount due, so a settled document holds exactly nothing in base either.
 */
import { appendToOutbox } from "@erp/events";
import { Decimal, minorUnits } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import type { Document, DocumentStatus } from "../../generated/prisma/client";
import type { PartyKind } from "../parties/party-read-model";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { documentKindConfig, type DocumentKind } from "./document-kinds";
import { allocationExceedsDue, amountPrecision, documentNotIn, unknownDocument } from "./document.errors";
import { documentRepository } from "./document.repository";

/** What a settlement needs to know of a document, read under its row lock. Amounts in `currency`, base amounts in the base currency. */
export interface SettlementDocument {
  id: string;
  kind: DocumentKind;
  status: DocumentStatus;
  number: string | null;
  partyType: "customer" | "supplier";
  partyId: string;
  currency: string;
  /** Base currency per one unit of `currency`, fixed at issue (null on a draft). */
  exchangeRate: Decimal | null;
  total: Decimal;
  amountPaid: Decimal;
  amountCredited: Decimal;
  amountDue: Decimal;
  baseAmountDue: Decimal;
  /** `YYYY-MM-DD` */
  issueDate: string;
  dueDate: string;
  journalEntryId: string | null;
}

/** A settlement by a payment's allocation or by a credit note. */
export type SettlementSource = "payment" | "credit";

export interface SettlementInput {
  documentId: string;
  /** In the document's currency, > 0, at most its minor unit's decimals. */
  amount: Decimal | string;
  /** The base it takes off the document; by default `settlementBaseAmount`'s. */
  baseAmount?: Decimal | string;
  source: SettlementSource;
  /** `YYYY-MM-DD`: the allocation's date (the paid event's `paidOn`). */
  date: string;
  /** The request field naming the amount, for the 422s (`allocations.0.amount`); default `amount`. */
  path?: string;
}

export interface SettlementResult {
  document: SettlementDocument;
  /** The base taken off (or given back to) the document. */
  baseAmount: Decimal;
  /** True when this settlement cleared the amount due (the document is now paid). */
  settled: boolean;
}

const SETTLEABLE: readonly DocumentStatus[] = ["issued", "approved", "partially_paid", "paid"];
const day = (value: Date) => value.toISOString().slice(0, 10);

function toSettlementDocument(row: Document): SettlementDocument {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    number: row.number,
    partyType: row.partyType as PartyKind, // a parties row: never an employee
    partyId: row.partyId,
    currency: row.currency,
    exchangeRate: row.exchangeRate,
    total: row.total,
    amountPaid: row.amountPaid,
    amountCredited: row.amountCredited,
    amountDue: row.amountDue,
    baseAmountDue: row.baseAmountDue ?? new Decimal(0),
    issueDate: day(row.issueDate),
    dueDate: day(row.dueDate),
    journalEntryId: row.journalEntryId,
  };
}

/**
 * The document `documentId` of the organization, its row locked until the transaction ends, or
 * null when there is none. Callers settling several documents lock them with
 * `lockDocumentsForSettlement` (id order: no deadlocks).
 */
export async function lockDocumentForSettlement(tx: Tx, scope: Scope, documentId: string): Promise<SettlementDocument | null> {
  const [row] = await documentRepository(tx).lockMany(scope.organizationId, [documentId]);
  return row ? toSettlementDocument(row) : null;
}

/** The documents `ids` of the organization (unknown ids are absent), rows locked in id order, by id. */
export async function lockDocumentsForSettlement(tx: Tx, scope: Scope, ids: readonly string[]): Promise<Map<string, SettlementDocument>> {
  const rows = await documentRepository(tx).lockMany(scope.organizationId, ids);
  return new Map(rows.map((row) => [row.id, toSettlementDocument(row)]));
}

/**
 * The base `amount` takes off `document`: all of its `baseAmountDue` when `amount` clears its
 * amount due, else round(amount × rate) to the base currency's minor unit (never more than is left).
 */
export function settlementBaseAmount(document: Pick<SettlementDocument, "amountDue" | "baseAmountDue" | "exchangeRate">, amount: Decimal | string, baseCurrency: string): Decimal {
  const value = new Decimal(amount);
  if (value.gte(document.amountDue)) return document.baseAmountDue;
  const base = value.times(document.exchangeRate ?? 1).toDecimalPlaces(minorUnits(baseCurrency), Decimal.ROUND_HALF_UP);
  return Decimal.min(base, document.baseAmountDue);
}

/**
 * Takes `amount` off the document's amount due (amount paid for a payment, amount credited for a
 * credit) and the base amount off its base amount due; status `paid` when nothing is due any more
 * (then finance.invoice.paid / finance.bill.paid is published), else `partially_paid` (a credit
 * note's own credit stays `issued` until all of it is allocated). Locks the row first.
 * @throws AppError 422 UNKNOWN_DOCUMENT (none of the organization's, naming `path`); 409 INVALID_STATE (a draft or a void
 *   document); 422 ALLOCATION_EXCEEDS_DUE (more than is due, details naming `path`), AMOUNT_PRECISION;
 *   Error for an amount ≤ 0 (callers validate amounts first)
 */
export async function applySettlement(tx: Tx, scope: Scope, input: SettlementInput): Promise<SettlementResult> {
  const path = input.path ?? "amount";
  const document = await lockDocumentForSettlement(tx, scope, input.documentId);
  if (!document) throw unknownDocument(path);
  if (!SETTLEABLE.includes(document.status)) throw documentNotIn(document.kind, document.number, document.status, "only an issued or approved document is settled");
  const amount = new Decimal(input.amount);
  if (amount.lte(0)) throw new Error(`a settlement amount must be positive: ${amount.toFixed()}`);
  const scale = minorUnits(document.currency);
  if (!amount.toDecimalPlaces(scale).eq(amount)) throw amountPrecision(document.currency, path);
  if (amount.gt(document.amountDue)) throw allocationExceedsDue(document.kind, document.number, document.amountDue.toFixed(scale), document.currency, path);

  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  const baseAmount = input.baseAmount === undefined ? settlementBaseAmount(document, amount, baseCurrency) : new Decimal(input.baseAmount);
  if (baseAmount.lt(0) || baseAmount.gt(document.baseAmountDue)) throw new Error(`base amount ${baseAmount.toFixed()} outside 0..${document.baseAmountDue.toFixed()}`);

  const amountDue = document.amountDue.minus(amount);
  const settled = amountDue.isZero();
  const updated = await documentRepository(tx).update(scope.organizationId, document.id, {
    ...(input.source === "payment" ? { amountPaid: document.amountPaid.plus(amount) } : { amountCredited: document.amountCredited.plus(amount) }),
    amountDue,
    baseAmountDue: document.baseAmountDue.minus(baseAmount),
    status: settled ? "paid" : document.kind === "credit_note" ? "issued" : "partially_paid",
  });
  const config = documentKindConfig(document.kind);
  if (settled && config) {
    await appendToOutbox(tx, OUTBOX_SCHEMA, {
      event: config.events.paid,
      organizationId: scope.organizationId,
      aggregateType: document.kind,
      aggregateId: document.id,
      actor: scope.actor,
      data: {
        number: updated.number!,
        partyId: updated.partyId,
        currency: updated.currency,
        total: updated.total.toFixed(scale),
        amountPaid: updated.amountPaid.toFixed(scale),
        amountCredited: updated.amountCredited.toFixed(scale),
        paidOn: input.date,
      },
    });
  }
  return { document: toSettlementDocument(updated), baseAmount, settled };
}

/**
 * The inverse of `applySettlement` for a voided payment (or a withdrawn credit): gives `amount` and
 * `baseAmount` (what the allocation took) back to the document; status back to issued / approved
 * when nothing is settled any more, else `partially_paid`. No event (the payment's voided event
 * names the documents).
 * @throws Error when the document does not exist or has less settled from `source` than `amount`
 *   (the allocation rows say otherwise: a bug)
 */
export async function revertSettlement(
  tx: Tx,
  scope: Scope,
  input: { documentId: string; amount: Decimal | string; baseAmount: Decimal | string; source: SettlementSource },
): Promise<SettlementDocument> {
  const document = await lockDocumentForSettlement(tx, scope, input.documentId);
  if (!document) throw new Error(`no document ${input.documentId} to give a settlement back to`);
  const amount = new Decimal(input.amount);
  const settledFromSource = input.source === "payment" ? document.amountPaid : document.amountCredited;
  if (amount.lte(0) || amount.gt(settledFromSource)) {
    throw new Error(`cannot give back ${amount.toFixed()} of ${input.source} settlement on document ${document.id}: ${settledFromSource.toFixed()} settled`);
  }
  const amountPaid = input.source === "payment" ? document.amountPaid.minus(amount) : document.amountPaid;
  const amountCredited = input.source === "credit" ? document.amountCredited.minus(amount) : document.amountCredited;
  const nothingSettled = amountPaid.isZero() && amountCredited.isZero();
  const open: DocumentStatus = document.kind === "bill" ? "approved" : "issued";
  const updated = await documentRepository(tx).update(scope.organizationId, document.id, {
    amountPaid,
    amountCredited,
    amountDue: document.amountDue.plus(amount),
    baseAmountDue: document.baseAmountDue.plus(input.baseAmount),
    status: nothingSettled || document.kind === "credit_note" ? open : "partially_paid",
  });
  return toSettlementDocument(updated);
}
