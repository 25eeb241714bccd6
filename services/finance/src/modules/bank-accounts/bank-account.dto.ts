/** A bank account as the API shows it: the number masked unless the caller may see it, the balance from the ledger. */
import { Decimal, formatMoney } from "@erp/money";
import type { BankAccountRow, LedgerBalance } from "./bank-account.repository";
import type { BankAccountDto } from "./bank-account.schemas";
import { formatIban, maskAccountNumber } from "./iban";

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export interface BankAccountView {
  baseCurrency: string;
  /** The account's posted balance; none when nothing was posted to it. */
  balance: LedgerBalance | undefined;
  /** The caller holds finance.bank_account.read_number. */
  unmasked: boolean;
}

export function toBankAccountDto(row: BankAccountRow, view: BankAccountView): BankAccountDto {
  const { baseCurrency, balance, unmasked } = view;
  const number = row.accountNumber;
  const shown = number === null ? null : !unmasked ? maskAccountNumber(number, row.isIban) : row.isIban ? formatIban(number) : number;
  return {
    id: row.id,
    name: row.name,
    bankName: row.bankName,
    accountNumber: shown,
    accountNumberMasked: number !== null && !unmasked,
    isIban: row.isIban,
    currency: row.currency,
    accountId: row.accountId,
    accountCode: row.account.code,
    openingBalance: formatMoney(row.openingBalance, row.currency),
    openingDate: day(row.openingDate),
    openingEntryId: row.openingEntryId,
    balance: {
      amount: formatMoney(balance?.amount ?? new Decimal(0), row.currency),
      currency: row.currency,
      baseAmount: formatMoney(balance?.baseAmount ?? new Decimal(0), baseCurrency),
      baseCurrency,
    },
    status: row.archivedAt ? "archived" : "active",
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
