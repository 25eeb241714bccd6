/** Voiding a transfer: its entry reversed (dated today, or the transfer's date when later); the transfer stays, void, with the reason. */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { refuseIfReconciled } from "../bank-statements/refuse-reconciled";
import { reverseEntry } from "../journal/reverse-entry";
import { bankTransferVoid } from "./bank-transfer.errors";
import { bankTransferRepository } from "./bank-transfer.repository";
import type { BankTransferDto, VoidBankTransferInput } from "./bank-transfer.schemas";
import { toBankTransferDto } from "./get-bank-transfer";

const day = (date: Date) => date.toISOString().slice(0, 10);

/** @throws AppError 404 NOT_FOUND, 409 INVALID_STATE (void), TRANSFER_RECONCILED; 422 PERIOD_LOCKED and the posting rules */
export async function voidBankTransfer(tx: Tx, scope: Scope, input: { id: string } & VoidBankTransferInput): Promise<BankTransferDto> {
  const { organizationId } = scope;
  const repository = bankTransferRepository(tx);
  const row = await repository.lock(organizationId, input.id);
  if (!row) throw notFound("Bank transfer");
  if (row.voidedAt) throw bankTransferVoid();
  await refuseIfReconciled(tx, organizationId, row.journalEntryId, "transfer");
  const today = day(new Date());
  const date = day(row.transferDate) > today ? day(row.transferDate) : today;
  const reversal = await reverseEntry(tx, scope, { id: row.journalEntryId, date, memo: `Void of transfer ${row.number}: ${input.reason}` }, { forDocument: true });
  return toBankTransferDto(await repository.update(organizationId, row.id, { voidEntryId: reversal.id, voidedAt: new Date(), voidedBy: scope.actor.id, voidReason: input.reason }));
}
