/** One payment with its allocations, and a page of the organization's payments. */
import { notFound } from "@erp/errors";
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { paymentRepository } from "./payment.repository";
import { toPaymentDto, type PaymentDto, type PaymentListQuery } from "./payment.schemas";

/** @throws AppError 404 NOT_FOUND */
export async function getPayment(tx: Tx, scope: Scope, input: { id: string }): Promise<PaymentDto> {
  const row = await paymentRepository(tx).find(scope.organizationId, input.id);
  if (!row) throw notFound("Payment");
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  return toPaymentDto(row, baseCurrency);
}

/** Filtered by direction, party, status and dates; `q` searches number and reference; newest payment date first unless told. */
export async function listPayments(tx: Tx, scope: Scope, query: PaymentListQuery): Promise<Page<PaymentDto>> {
  const window = listWindow(query);
  const rows = await paymentRepository(tx).list(scope.organizationId, query, window);
  const { baseCurrency } = await ledgerSettingsOf(tx, scope.organizationId);
  return keysetPage(rows, window, (row) => toPaymentDto(row, baseCurrency));
}
