/** One transfer, a page of them, and their API form. */
import { notFound } from "@erp/errors";
import { keysetPage, listWindow, type Page } from "@erp/lists";
import { formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { BankTransfer } from "../../generated/prisma/client";
import { bankTransferRepository } from "./bank-transfer.repository";
import type { BankTransferDto, BankTransferListQuery } from "./bank-transfer.schemas";

export function toBankTransferDto(row: BankTransfer): BankTransferDto {
  return {
    id: row.id,
    number: row.number,
    transferDate: row.transferDate.toISOString().slice(0, 10),
    fromBankAccountId: row.fromBankAccountId,
    toBankAccountId: row.toBankAccountId,
    amount: formatMoney(row.amount, row.currency),
    currency: row.currency,
    toAmount: formatMoney(row.toAmount, row.toCurrency),
    toCurrency: row.toCurrency,
    feeAmount: formatMoney(row.feeAmount, row.currency),
    feeAccountId: row.feeAccountId,
    reference: row.reference,
    journalEntryId: row.journalEntryId,
    status: row.voidedAt ? "void" : "posted",
    voidEntryId: row.voidEntryId,
    voidedAt: row.voidedAt?.toISOString() ?? null,
    voidReason: row.voidReason,
    createdAt: row.createdAt.toISOString(),
  };
}

/** @throws AppError 404 NOT_FOUND */
export async function getBankTransfer(tx: Tx, scope: Scope, input: { id: string }): Promise<BankTransferDto> {
  const row = await bankTransferRepository(tx).find(scope.organizationId, input.id);
  if (!row) throw notFound("Bank transfer");
  return toBankTransferDto(row);
}

/** Filtered by bank account (either side) and dates; `q` searches number and reference; newest first unless told. */
export async function listBankTransfers(tx: Tx, scope: Scope, query: BankTransferListQuery): Promise<Page<BankTransferDto>> {
  const window = listWindow(query);
  const rows = await bankTransferRepository(tx).list(scope.organizationId, query, window);
  return keysetPage(rows, window, toBankTransferDto);
}
