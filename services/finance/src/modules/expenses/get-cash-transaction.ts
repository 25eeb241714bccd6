/** One expense (revenue), and a page of the organization's. */
import { notFound } from "@erp/errors";
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { CASH_TRANSACTION_KINDS, type CashTransactionKind } from "./cash-transaction-kinds";
import { cashTransactionRepository } from "./cash-transaction.repository";
import { toCashTransactionDto, type CashTransactionDto, type CashTransactionListQuery } from "./cash-transaction.schemas";

/** @throws AppError 404 NOT_FOUND (none, another organization's, or the other kind) */
export async function getCashTransaction(tx: Tx, scope: Scope, input: { kind: CashTransactionKind; id: string }): Promise<CashTransactionDto> {
  const row = await cashTransactionRepository(tx).find(scope.organizationId, input.kind, input.id);
  if (!row) throw notFound(CASH_TRANSACTION_KINDS[input.kind].label);
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  return toCashTransactionDto(row, baseCurrency);
}

/** Filtered by dates, accounts, party and status; `q` searches number, counterparty and reference; newest first unless told. */
export async function listCashTransactions(
  tx: Tx,
  scope: Scope,
  input: { kind: CashTransactionKind; query: CashTransactionListQuery },
): Promise<Page<CashTransactionDto>> {
  const window = listWindow(input.query);
  const rows = await cashTransactionRepository(tx).list(scope.organizationId, input.kind, input.query, window);
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  return keysetPage(rows, window, (row) => toCashTransactionDto(row, baseCurrency));
}
