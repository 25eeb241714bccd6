/** What differs between expenses and other revenue: one implementation, configured per kind. */
import { expenseRecorded, expenseVoided, revenueRecorded, revenueVoided } from "@erp/event-catalog";
import type { EventDefinition } from "@erp/events";
import type { AccountType, CashTransactionKind } from "../../generated/prisma/client";
import type { PartyKind } from "../parties/party-read-model";
import { permissions } from "../../permissions";
import type { DocumentSeries } from "../documents/document-numbers";

export type { CashTransactionKind };

export interface CashTransactionKindConfig {
  kind: CashTransactionKind;
  /** "Expense": in messages and OpenAPI. */
  label: string;
  /** Collection path: "/expenses". */
  path: string;
  series: Extract<DocumentSeries, "EXP" | "REV">;
  /** The type of the account the net amount posts to. */
  accountType: Extract<AccountType, "expense" | "income">;
  /** Who the money goes to (comes from) when it is a master-data party. */
  partyType: PartyKind;
  /** Tax rates it may carry. */
  taxUsage: "purchase" | "sales";
  /** The bank or cash account is credited (money out) or debited (money in). */
  bankSide: "credit" | "debit";
  permissions: { read: string; record: string; void: string };
  events: { recorded: EventDefinition; voided: EventDefinition };
}

export const expenses: CashTransactionKindConfig = {
  kind: "expense",
  label: "Expense",
  path: "/expenses",
  series: "EXP",
  accountType: "expense",
  partyType: "supplier",
  taxUsage: "purchase",
  bankSide: "credit",
  permissions: { read: permissions.expenseRead, record: permissions.expenseRecord, void: permissions.expenseVoid },
  events: { recorded: expenseRecorded, voided: expenseVoided },
};

export const revenue: CashTransactionKindConfig = {
  kind: "revenue",
  label: "Revenue",
  path: "/revenue",
  series: "REV",
  accountType: "income",
  partyType: "customer",
  taxUsage: "sales",
  bankSide: "debit",
  permissions: { read: permissions.revenueRead, record: permissions.revenueRecord, void: permissions.revenueVoid },
  events: { recorded: revenueRecorded, voided: revenueVoided },
};

export const CASH_TRANSACTION_KINDS: Record<CashTransactionKind, CashTransactionKindConfig> = { expense: expenses, revenue };
