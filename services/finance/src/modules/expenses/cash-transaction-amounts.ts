/**
 * The net, tax and total of an expense or other revenue, pure and exact. `amount` is what the bank
 * or cash account moves (tax included) unless `amountIncludesTax` is false:
 *
 * - net given (amountIncludesTax false): tax = round(net × rate / 100), the documents' per-line
 *   rule (tax-calculation.ts `lineTax`); total = net + tax.
 * - total given (the default): tax = round(total × rate / (100 + rate)), net = total − tax, so the
 *   bank or cash line is exactly the amount given (a receipt's or a statement line's figure).
 *
 * round: to the currency's minor unit, half away from zero. Without a rate the tax is 0.
 */
import { Decimal } from "@erp/money";
import { lineTax, roundToMinorUnit } from "../tax-rates/tax-calculation";

/** `CASH_AMOUNT_RULE`: the rule above in one paragraph, for OpenAPI descriptions. */
export const CASH_AMOUNT_RULE =
  "`amount` is what the bank or cash account moves, tax included (`amountIncludesTax`, default true): tax = round(amount × rate / (100 + rate)), " +
  "net = amount − tax. With `amountIncludesTax: false` it is the net: tax = round(net × rate / 100) (the documents' per-line rule) and the " +
  "bank or cash account moves net + tax. round is to the currency's minor unit, half away from zero.";

export interface CashAmounts {
  net: Decimal;
  tax: Decimal;
  total: Decimal;
}

const HUNDRED = new Decimal(100);

export function cashTransactionAmounts(input: { amount: Decimal; amountIncludesTax: boolean; ratePercent: Decimal | null; currency: string }): CashAmounts {
  const { amount, amountIncludesTax, ratePercent, currency } = input;
  if (!ratePercent) return { net: amount, tax: new Decimal(0), total: amount };
  if (!amountIncludesTax) {
    const tax = lineTax(amount, ratePercent, currency);
    return { net: amount, tax, total: amount.plus(tax) };
  }
  const tax = roundToMinorUnit(amount.times(ratePercent).dividedBy(HUNDRED.plus(ratePercent)), currency);
  return { net: amount.minus(tax), tax, total: amount };
}
