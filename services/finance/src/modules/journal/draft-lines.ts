/**
 * A request's lines as a draft stores them: the currency defaults to the base currency, and a line
 * whose rate is known (the base currency's 1, or one given) carries its base amount already. Lines
 * without a rate get it, from the organization's table, when the entry is posted.
 */
import { uuidv7 } from "@erp/db";
import { Decimal } from "@erp/money";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { unknownAccounts } from "./journal.errors";
import { journalRepository, type LineData } from "./journal.repository";
import type { EntryLineInput } from "./journal.schemas";
import { baseAmount } from "./ledger-rules";

const ZERO = new Decimal(0);

export function draftLines(lines: EntryLineInput[], baseCurrency: string): LineData[] {
  return lines.map((line, index) => {
    const currency = line.currency ?? baseCurrency;
    const debit = new Decimal(line.debit ?? 0);
    const credit = new Decimal(line.credit ?? 0);
    const exchangeRate = line.exchangeRate !== undefined ? new Decimal(line.exchangeRate) : currency === baseCurrency ? new Decimal(1) : null;
    const base = (amount: Decimal) => (exchangeRate && amount.gt(0) ? baseAmount(amount, exchangeRate, baseCurrency) : ZERO);
    return {
      id: uuidv7(),
      lineNumber: index + 1,
      accountId: line.accountId,
      description: line.description ?? null,
      debit,
      credit,
      currency,
      exchangeRate,
      baseDebit: base(debit),
      baseCredit: base(credit),
      partyType: line.party?.type ?? null,
      partyId: line.party?.id ?? null,
      isRounding: false,
    };
  });
}

/** @throws AppError 422 UNKNOWN_ACCOUNT naming every line whose account is not the organization's */
export async function checkLineAccounts(tx: Tx, organizationId: OrganizationId, lines: EntryLineInput[]): Promise<void> {
  const existing = await journalRepository(tx).existingAccountIds(organizationId, [...new Set(lines.map((line) => line.accountId))]);
  const unknown = lines.flatMap((line, index) => (existing.has(line.accountId) ? [] : [`lines.${index}.accountId`]));
  if (unknown.length > 0) throw unknownAccounts(unknown);
}
