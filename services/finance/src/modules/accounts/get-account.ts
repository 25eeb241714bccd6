/** One account with its posted balance in the base currency (a group's includes everything under it). */
import { notFound } from "@erp/errors";
import { Decimal, formatMoney } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { ledgerSettingsOf } from "../ledger/ledger-settings";
import { normalBalance } from "./account-types";
import { accountRepository } from "./account.repository";
import { toAccountDto, type AccountWithBalanceDto } from "./account.schemas";

/** @throws AppError 404 NOT_FOUND */
export async function getAccount(tx: Tx, scope: Scope, input: { id: string }): Promise<AccountWithBalanceDto> {
  const { organizationId } = scope;
  const repository = accountRepository(tx);
  const row = await repository.find(organizationId, input.id);
  if (!row) throw notFound("Account");
  const { baseCurrency } = await ledgerSettingsOf(tx, organizationId);
  const ids = row.isGroup ? await repository.subtreeIds(organizationId, row.id) : [row.id];
  let debit = new Decimal(0);
  let credit = new Decimal(0);
  for (const totals of await repository.totals(organizationId, ids)) {
    debit = debit.plus(totals.baseDebit);
    credit = credit.plus(totals.baseCredit);
  }
  const balance = normalBalance(row.type) === "debit" ? debit.minus(credit) : credit.minus(debit);
  return {
    ...toAccountDto(row),
    balance: {
      currency: baseCurrency,
      debit: formatMoney(debit, baseCurrency),
      credit: formatMoney(credit, baseCurrency),
      balance: formatMoney(balance, baseCurrency),
    },
  };
}
