/**
 * An unreconciled statement line turned into an expense (money out) or other revenue (money in) in
 * one call: recorded through the expenses module's use case on the line's date, amount and bank
 * account, and reconciled with the bank line of its entry in the same transaction.
 */
import { notFound } from "@erp/errors";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { CashTransactionDto } from "../expenses/cash-transaction.schemas";
import { recordCashTransaction } from "../expenses/record-cash-transaction";
import { alreadyMatched, lineSignMismatch } from "./statement.errors";
import { statementRepository } from "./statement.repository";
import type { LineTransactionInput, MatchesDto } from "./statement.schemas";
import { confirmMatches, lockBankForReconciliation } from "./reconcile";

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * @throws AppError 404 NOT_FOUND (bank account or line), 409 INVALID_STATE (archived), ALREADY_MATCHED;
 *   422 LINE_SIGN_MISMATCH and recordCashTransaction's (accountId, taxRateId, partyId...)
 */
export async function recordLineTransaction(
  tx: Tx,
  scope: Scope,
  input: { id: string; lineId: string; kind: "expense" | "revenue" } & LineTransactionInput,
): Promise<{ transaction: CashTransactionDto; match: MatchesDto["matches"][number] }> {
  const bank = await lockBankForReconciliation(tx, scope, input.id);
  const [line] = await statementRepository(tx).lockLines(scope.organizationId, bank.id, [input.lineId]);
  if (!line) throw notFound("Statement line");
  if (line.journalLineId) throw alreadyMatched("statement line", "lineId");
  const amount = line.amount.abs();
  if (line.amount.isNegative() !== (input.kind === "expense")) throw lineSignMismatch(input.kind);
  const { id: _bankId, lineId: _lineId, kind, reference, ...details } = input;
  const recorded = await recordCashTransaction(tx, scope, {
    kind,
    ...details,
    date: day(line.lineDate),
    amount: amount.toFixed(),
    currency: bank.currency,
    bankAccountId: bank.accountId,
    ...((reference ?? line.reference) ? { reference: reference ?? line.reference! } : {}),
    ...(details.counterparty ? {} : { counterparty: line.description.slice(0, 200) }),
  });
  const { matches } = await confirmMatches(tx, scope, { id: bank.id, matches: [{ statementLineId: line.id, journalLineId: recorded.bankLineId }] }, bank);
  return { transaction: recorded.transaction, match: matches[0]! };
}
