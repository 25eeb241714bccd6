/** What differs between customer invoices and supplier bills: one documents implementation, configured per kind. */
import { billApproved, billPaid, billVoided, invoiceIssued, invoicePaid, invoiceVoided } from "@erp/event-catalog";
import type { EventDefinition } from "@erp/events";
import type { DocumentKind as StoredDocumentKind, DocumentStatus } from "../../generated/prisma/client";
import type { PartyKind } from "../parties/party-read-model";
import { permissions } from "../../permissions";
import type { DocumentSeries } from "./document-numbers";

export type DocumentKind = StoredDocumentKind;

/** The request and response field naming the party. */
export type PartyField = "customerId" | "supplierId";

export interface DocumentKindConfig<P extends PartyField = PartyField> {
  kind: "invoice" | "bill";
  /** "Invoice": in messages and OpenAPI. */
  label: string;
  /** Collection path: "/invoices". */
  path: string;
  partyType: PartyKind;
  /** The request and response field naming the party: `customerId` or `supplierId`. */
  partyField: P;
  series: DocumentSeries;
  /** The status after issuing (invoices) or approving (bills). */
  postedStatus: Extract<DocumentStatus, "issued" | "approved">;
  /** The action taking it out of draft: its path segment and its verb in messages. */
  postAction: "issue" | "approve";
  /** Tax rates the lines may carry. */
  taxUsage: "sales" | "purchase";
  /** Where a line posts when it names no account: the organization's first active posting account of this subtype. */
  defaultLineSubtype: "sales" | "operating_expense";
  /** The receivable or payable the total posts to. */
  controlSubtype: "receivable" | "payable";
  /** The journal entry's source types. */
  sourceType: "invoice" | "bill";
  voidSourceType: "invoice_void" | "bill_void";
  permissions: { read: string; manage: string; post: string; void: string };
  events: { posted: EventDefinition; voided: EventDefinition; paid: EventDefinition };
}

export const invoices: DocumentKindConfig<"customerId"> = {
  kind: "invoice",
  label: "Invoice",
  path: "/invoices",
  partyType: "customer",
  partyField: "customerId",
  series: "INV",
  postedStatus: "issued",
  postAction: "issue",
  taxUsage: "sales",
  defaultLineSubtype: "sales",
  controlSubtype: "receivable",
  sourceType: "invoice",
  voidSourceType: "invoice_void",
  permissions: { read: permissions.invoiceRead, manage: permissions.invoiceManage, post: permissions.invoiceIssue, void: permissions.invoiceVoid },
  events: { posted: invoiceIssued, voided: invoiceVoided, paid: invoicePaid },
};

export const bills: DocumentKindConfig<"supplierId"> = {
  kind: "bill",
  label: "Bill",
  path: "/bills",
  partyType: "supplier",
  partyField: "supplierId",
  series: "BILL",
  postedStatus: "approved",
  postAction: "approve",
  taxUsage: "purchase",
  defaultLineSubtype: "operating_expense",
  controlSubtype: "payable",
  sourceType: "bill",
  voidSourceType: "bill_void",
  permissions: { read: permissions.billRead, manage: permissions.billManage, post: permissions.billApprove, void: permissions.billVoid },
  events: { posted: billApproved, voided: billVoided, paid: billPaid },
};

/** The configuration of an invoice or a bill (a credit note has none: credit-notes owns it). */
export function documentKindConfig(kind: DocumentKind): DocumentKindConfig | null {
  if (kind === "invoice") return invoices;
  if (kind === "bill") return bills;
  return null;
}
