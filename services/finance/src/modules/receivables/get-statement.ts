/**
 * A customer's (supplier's) statement: the balance owed before `from`, then every movement of its
 * receivable (payable) ledger through `to` (documents, credit notes, payments, voids, exchange
 * differences at settlement) with the running balance, read from the party's own journal lines so
 * the closing balance is what the ledger (and the aging as of `to`) says the party owes.
 */
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import type { PartyKind } from "../parties/party-read-model";
import { partyNotFound } from "../parties/party.errors";
import { receivablesRepository } from "./receivables.repository";
import { STATEMENT_LINE_TYPES, type StatementDto } from "./receivables.schemas";

const lineType = (sourceType: string | null) =>
  STATEMENT_LINE_TYPES.find((type) => type === sourceType) ?? "journal";

/** @throws AppError 404 NOT_FOUND when the organization has no such customer (supplier); 503 LEDGER_UNAVAILABLE */
export async function getStatement(tx: Tx, scope: Scope, input: { kind: PartyKind; id: string; from: string; to: string }): Promise<StatementDto> {
  const { organizationId } = scope;
  const repository = receivablesRepository(tx);
  const party = await repository.findParty(organizationId, input.kind, input.id);
  if (!party) throw partyNotFound(input.kind);
  const { baseCurrency } = await ledgerSettingsOf(tx, organizationId);
  // Customers owe what is debited to receivables; what the organization owes a supplier is the payables' credit.
  const subtype = input.kind === "customer" ? "receivable" : "payable";
  const owed = (debitMinusCredit: Decimal) => (input.kind === "customer" ? debitMinusCredit : new Decimal(0).minus(debitMinusCredit));
  const query = { party: { kind: input.kind, id: input.id }, subtype, from: input.from, to: input.to } as const;

  const opening = owed(await repository.partyBalanceBefore(organizationId, { party: query.party, subtype, before: input.from }));
  let balance = opening;
  const lines = (await repository.partyMovements(organizationId, query)).map((move) => {
    const amount = owed(move.baseAmount);
    balance = balance.plus(amount);
    return {
      date: move.date,
      entryId: move.entryId,
      entryNumber: move.entryNumber,
      type: lineType(move.sourceType),
      sourceId: move.sourceId,
      number: move.number,
      dueDate: move.dueDate,
      description: move.memo,
      currency: move.currency,
      currencyAmount: formatMoney(owed(move.amount), move.currency),
      amount: formatMoney(amount, baseCurrency),
      balance: formatMoney(balance, baseCurrency),
    };
  });
  return {
    party: { type: input.kind, id: party.id, code: party.code, name: party.displayName, currency: party.currency },
    from: input.from,
    to: input.to,
    currency: baseCurrency,
    openingBalance: formatMoney(opening, baseCurrency),
    lines,
    closingBalance: formatMoney(balance, baseCurrency),
  };
}
