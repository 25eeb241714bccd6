/** Voiding an expense or other revenue: its entry reversed, the record kept with status void. */
import { appendToOutbox } from "@erp/events";
import { formatMoney } from "@erp/money";
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { OUTBOX_SCHEMA } from "../../events";
import { refuseIfReconciled } from "../bank-statements/refuse-reconciled";
import { reverseEntry } from "../journal/reverse-entry";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { cashTransactionVoid } from "./cash-transaction.errors";
import { CASH_TRANSACTION_KINDS, type CashTransactionKind } from "./cash-transaction-kinds";
import { cashTransactionRepository } from "./cash-transaction.repository";
import { toCashTransactionDto, type CashTransactionDto, type VoidCashTransactionInput } from "./cash-transaction.schemas";

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The reversal is dated today, or the original's date when that is later.
 * @throws AppError 404 NOT_FOUND; 409 INVALID_STATE (void already), EXPENSE_RECONCILED / REVENUE_RECONCILED; the posting rules' 422 (PERIOD_LOCKED)
 */
export async function voidCashTransaction(
  tx: Tx,
  scope: Scope,
  input: { kind: CashTransactionKind; id: string } & VoidCashTransactionInput,
): Promise<CashTransactionDto> {
  const { organizationId } = scope;
  const config = CASH_TRANSACTION_KINDS[input.kind];
  const repository = cashTransactionRepository(tx);
  const row = await repository.lock(organizationId, input.kind, input.id);
  if (!row) throw notFound(config.label);
  if (row.status === "void") throw cashTransactionVoid(config.label);
  await refuseIfReconciled(tx, organizationId, row.journalEntryId, input.kind);

  const today = day(new Date());
  const date = day(row.date) > today ? day(row.date) : today;
  const reversal = await reverseEntry(tx, scope, { id: row.journalEntryId, date, memo: `Void of ${config.label.toLowerCase()} ${row.number}: ${input.reason}` }, { forDocument: true });
  const voided = await repository.update(organizationId, row.id, {
    status: "void",
    voidEntryId: reversal.id,
    voidedAt: new Date(),
    voidedBy: scope.actor.id,
    voidReason: input.reason,
  });
  await appendToOutbox(tx, OUTBOX_SCHEMA, {
    event: config.events.voided,
    organizationId,
    aggregateType: config.kind,
    aggregateId: row.id,
    actor: scope.actor,
    data: { number: row.number, amount: formatMoney(row.amount, row.currency), currency: row.currency, reason: input.reason, reversalEntryId: reversal.id },
  });
  const { baseCurrency } = await ledgerSettingsOf(tx, organizationId);
  return toCashTransactionDto(voided, baseCurrency);
}
