/**
 * Applying a credit note's credit to an invoice: the invoice's amount due and the credit note's
 * unapplied amount both go down by `amount` (documents/settlement.ts's `applySettlement`, once per
 * side, rows locked), and an allocation row records it. In the base currency the invoice loses
 * round(amount × its rate) (all of its base amount due when this clears it) and the credit note
 * gives round(amount × its rate) (all of its remaining base when this uses the last of it): the
 * same figure when the credit note credits this invoice (same rate), else the difference is an
 * exchange difference, posted at once (source allocation_fx) against the exchange gain/loss
 * account, so the receivable account keeps holding exactly the open invoices' base amounts due
 * minus the credit notes' unapplied base.
 */
import { uuidv7 } from "@erp/db";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { accountRepository } from "../accounts/account.repository";
import { defaultAccountMissing } from "../documents/document.errors";
import { applySettlement, lockDocumentForSettlement, settlementBaseAmount } from "../documents/settlement";
import { postEntryOnce } from "../journal/post-entry";
import { creditNoteRepository } from "./credit-note.repository";

export interface CreditApplication {
  creditNoteId: string;
  invoiceId: string;
  /** In the (shared) currency, > 0, at most both sides' amount due (callers check, with their own 422s). */
  amount: Decimal;
  /** `YYYY-MM-DD` */
  date: string;
  baseCurrency: string;
  /** The request field naming the amount, for the settlement's 422s. */
  path: string;
}

/**
 * @returns the allocation's id
 * @throws AppError as `applySettlement` (409 INVALID_STATE for an invoice no longer open, 422 ALLOCATION_EXCEEDS_DUE),
 *   422 DEFAULT_ACCOUNT_MISSING when an exchange difference has no exchange gain/loss account to go to
 */
export async function applyCredit(tx: Tx, scope: Scope, input: CreditApplication): Promise<string> {
  const { organizationId } = scope;
  const creditNote = await lockDocumentForSettlement(tx, scope, input.creditNoteId);
  if (!creditNote) throw new Error(`no credit note ${input.creditNoteId} to apply`);
  const creditBase = settlementBaseAmount(creditNote, input.amount, input.baseCurrency);
  const settled = await applySettlement(tx, scope, { documentId: input.invoiceId, amount: input.amount, source: "credit", date: input.date, path: input.path });
  await applySettlement(tx, scope, { documentId: creditNote.id, amount: input.amount, baseAmount: creditBase, source: "credit", date: input.date, path: input.path });

  const id = uuidv7();
  const difference = creditBase.minus(settled.baseAmount);
  let fxEntryId: string | null = null;
  if (!difference.isZero()) {
    const accounts = accountRepository(tx);
    const receivable = await accounts.firstOfSubtype(organizationId, "receivable");
    const exchange = await accounts.firstOfSubtype(organizationId, "exchange_gain_loss");
    if (!receivable) throw defaultAccountMissing("receivable", input.path);
    if (!exchange) throw defaultAccountMissing("exchange_gain_loss", input.path);
    const value = formatMoney(difference.abs(), input.baseCurrency);
    const partyLine = { accountId: receivable.id, currency: input.baseCurrency, exchangeRate: "1", party: { type: "customer" as const, id: creditNote.partyId } };
    const exchangeLine = { accountId: exchange.id, currency: input.baseCurrency, exchangeRate: "1" };
    // The receivable must end as the open documents say: a credit worth more base than it clears is a gain.
    const gain = difference.gt(0);
    const { entry } = await postEntryOnce(tx, scope, {
      date: input.date,
      memo: `Exchange ${gain ? "gain" : "loss"}: credit note ${creditNote.number} applied to invoice ${settled.document.number}`,
      reference: creditNote.number ?? undefined,
      source: { type: "allocation_fx", id },
      lines: gain ? [{ ...partyLine, debit: value }, { ...exchangeLine, credit: value }] : [{ ...exchangeLine, debit: value }, { ...partyLine, credit: value }],
    });
    fxEntryId = entry.id;
  }
  await creditNoteRepository(tx).createAllocation(organizationId, {
    id,
    documentId: input.invoiceId,
    creditNoteId: creditNote.id,
    allocationDate: new Date(`${input.date}T00:00:00.000Z`),
    amount: input.amount,
    sourceAmount: input.amount,
    baseAmount: settled.baseAmount,
    baseDifference: difference,
    fxEntryId,
    createdBy: scope.actor.id,
  });
  return id;
}
