/**
 * A claim's lines as saved: each category checked (an active posting expense account), each tax
 * rate a usable purchase rate, tax computed per line from the gross amount with the expenses' rule
 * (`cashTransactionAmounts` with the amount including tax), the totals summed from the lines.
 */
import { uuidv7 } from "@erp/db";
import { Decimal } from "@erp/money";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { accountRepository } from "../accounts/account.repository";
import { cashTransactionAmounts } from "../expenses/cash-transaction-amounts";
import { expenses } from "../expenses/cash-transaction-kinds";
import { categoryAccountProblem } from "../expenses/record-cash-transaction";
import { dayOf } from "../journal/journal.schemas";
import { checkPrecision } from "../payments/apply-allocations";
import { unknownAccount } from "../payments/payment.errors";
import { assertNotInFuture } from "../periods/not-in-future";
import { requireUsableTaxRate } from "../tax-rates/manage-tax-rates";
import { amountNotPositive, invalidCategoryAccount } from "./reimbursement.errors";
import type { CreateReimbursementBody } from "./reimbursement.schemas";

export interface ComputedLines {
  lines: {
    id: string;
    position: number;
    date: Date;
    accountId: string;
    description: string;
    amount: Decimal;
    taxRateId: string | null;
    taxRate: Decimal | null;
    taxAmount: Decimal;
    netAmount: Decimal;
  }[];
  netAmount: Decimal;
  taxAmount: Decimal;
  total: Decimal;
}

/**
 * @throws AppError 422 naming `lines.<n>.<field>`: DATE_IN_FUTURE (date); UNKNOWN_ACCOUNT, INVALID_CATEGORY_ACCOUNT
 *   (accountId); UNKNOWN_TAX_RATE, TAX_RATE_ARCHIVED, TAX_RATE_NOT_APPLICABLE (taxRateId);
 *   AMOUNT_PRECISION, AMOUNT_NOT_POSITIVE (amount)
 */
export async function computeLines(tx: Tx, scope: Scope, input: { currency: string; lines: CreateReimbursementBody["lines"] }): Promise<ComputedLines> {
  const accounts = accountRepository(tx);
  const lines: ComputedLines["lines"] = [];
  let netAmount = new Decimal(0);
  let taxAmount = new Decimal(0);
  for (const [index, line] of input.lines.entries()) {
    const path = (field: string) => `lines.${index}.${field}`;
    assertNotInFuture(line.date, path("date"));
    const account = await accounts.find(scope.organizationId, line.accountId);
    if (!account) throw unknownAccount(path("accountId"));
    const problem = categoryAccountProblem(account, expenses, input.currency);
    if (problem) throw invalidCategoryAccount(account.code, problem, path("accountId"));
    const taxRate = line.taxRateId ? await requireUsableTaxRate(tx, scope, { id: line.taxRateId, usage: "purchase", path: path("taxRateId") }) : null;
    const amounts = cashTransactionAmounts({
      amount: checkPrecision(line.amount, input.currency, path("amount")),
      amountIncludesTax: true,
      ratePercent: taxRate ? new Decimal(taxRate.rate) : null,
      currency: input.currency,
    });
    if (!amounts.net.gt(0)) throw amountNotPositive(path("amount"));
    lines.push({
      id: uuidv7(),
      position: index + 1,
      date: dayOf(line.date),
      accountId: account.id,
      description: line.description,
      amount: amounts.total,
      taxRateId: taxRate?.id ?? null,
      taxRate: taxRate ? new Decimal(taxRate.rate) : null,
      taxAmount: amounts.tax,
      netAmount: amounts.net,
    });
    netAmount = netAmount.plus(amounts.net);
    taxAmount = taxAmount.plus(amounts.tax);
  }
  return { lines, netAmount, taxAmount, total: netAmount.plus(taxAmount) };
}
