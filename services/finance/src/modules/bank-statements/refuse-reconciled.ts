/**
 * A document whose bank line a statement line is reconciled with stays: the bank says its money
 * moved, so voiding it (or reversing a journal entry by hand) would leave the statement reconciled
 * to money that never moved.
 */
import { AppError } from "@erp/errors";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";

/** The documents that post to a bank account and can be voided; `entry`: a journal entry reversed by hand. */
export type BankDocument = "transfer" | "expense" | "revenue" | "payment" | "entry";

/** TRANSFER_RECONCILED, EXPENSE_RECONCILED, REVENUE_RECONCILED, PAYMENT_RECONCILED, ENTRY_RECONCILED. */
export const reconciledCode = (document: BankDocument) => `${document.toUpperCase()}_RECONCILED`;

/** @throws AppError 409 <DOCUMENT>_RECONCILED when a statement line is reconciled with one of the entry's lines */
export async function refuseIfReconciled(tx: Tx, organizationId: OrganizationId, entryId: string, document: BankDocument): Promise<void> {
  const [row] = await tx.$queryRaw<{ reconciled: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM bank_statement_lines s JOIN journal_lines l ON l.organization_id = s.organization_id AND l.id = s.journal_line_id
                    WHERE s.organization_id = ${organizationId}::uuid AND l.entry_id = ${entryId}::uuid) AS reconciled`;
  if (row?.reconciled) {
    const what = document === "entry" ? "journal entry: it cannot be reversed" : `${document}: it cannot be voided`;
    throw new AppError(reconciledCode(document), `A statement line is reconciled with the ${what}`, 409);
  }
}
