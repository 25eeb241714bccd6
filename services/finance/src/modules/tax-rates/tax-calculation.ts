/**
 * Line amounts and taxes of documents (invoices, bills, credit notes), pure and exact (decimal,
 * never a JavaScript number). The rule, "round per line" (Odoo's `round_globally = false`):
 *
 * - line net = round(quantity × unitPrice × (1 − discountPercent / 100))
 * - line tax = round(line net × rate / 100), 0 when the line has no tax rate
 * - subtotal = Σ line nets, tax per rate = Σ of its lines' taxes, total = subtotal + Σ taxes
 *
 * `round` is to the currency's minor unit (ISO 4217: 2 decimals for EUR, 0 for JPY, 3 for KWD),
 * half away from zero (2.345 → 2.35, −2.345 → −2.35). Totals are exactly the sums of the rounded
 * parts, never re-rounded: three lines of 33.33 net at 20 % carry 6.67 tax each, 20.01 in all (a
 * rounding of the total tax would give 20.00), so every document line can be posted as it is shown.
 */
import { Decimal, minorUnits } from "@erp/money";

/** `TAX_ROUNDING_RULE`: the rule above in one paragraph, for OpenAPI descriptions. */
export const TAX_ROUNDING_RULE =
  "Tax is computed per line and rounded per line (round per line, not globally): line net = round(quantity × unitPrice × (1 − discountPercent / 100)), " +
  "line tax = round(line net × rate / 100), where round is to the currency's minor unit (ISO 4217: 2 decimals for EUR, 0 for JPY, 3 for KWD), " +
  "half away from zero. Subtotal, tax per rate and total are exactly the sums of the rounded line amounts, never rounded again.";

/** A decimal as a string ("12.50") or a Decimal. */
export type DecimalValue = string | Decimal;

export interface TaxLineInput {
  quantity: DecimalValue;
  unitPrice: DecimalValue;
  /** Percent off the line, 0..100; none = 0. */
  discountPercent?: DecimalValue | null;
  /** The line's tax rate (percent, "20" = 20 %), or none. */
  tax?: { taxRateId: string; rate: DecimalValue } | null;
}

export interface TaxLineAmounts {
  /** Rounded to the currency's minor unit, as strings with exactly its decimals. */
  net: string;
  tax: string;
  total: string;
  taxRateId: string | null;
}

export interface TaxBreakdown {
  taxRateId: string;
  /** The rate as given, normalised ("20", "7.7"). */
  rate: string;
  /** Σ the nets of the lines with this rate. */
  base: string;
  /** Σ the (rounded) taxes of those lines. */
  tax: string;
}

export interface DocumentAmounts {
  currency: string;
  lines: TaxLineAmounts[];
  subtotal: string;
  /** One entry per tax rate used, in order of first use. */
  taxes: TaxBreakdown[];
  taxTotal: string;
  total: string;
}

const HUNDRED = new Decimal(100);

/**
 * `value` rounded to `currency`'s minor unit, half away from zero.
 * @throws Error for an unknown currency code (codes are validated first)
 */
export function roundToMinorUnit(value: DecimalValue, currency: string): Decimal {
  return new Decimal(value).toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_UP);
}

/** round(quantity × unitPrice × (1 − discountPercent / 100)) in `currency`. */
export function lineNet(line: Pick<TaxLineInput, "quantity" | "unitPrice" | "discountPercent">, currency: string): Decimal {
  const discount = new Decimal(line.discountPercent ?? 0);
  const gross = new Decimal(line.quantity).times(line.unitPrice);
  return roundToMinorUnit(gross.times(HUNDRED.minus(discount)).dividedBy(HUNDRED), currency);
}

/** round(net × rate / 100) in `currency`; `net` should be a line net (already rounded). */
export function lineTax(net: DecimalValue, ratePercent: DecimalValue, currency: string): Decimal {
  return roundToMinorUnit(new Decimal(net).times(ratePercent).dividedBy(HUNDRED), currency);
}

/**
 * Every line's net, tax and total, the tax per rate and the document's totals, by the rule above.
 * Decimal's precision (its default 20 significant digits) is far above what numeric(20, 4)
 * amounts times percent rates need before rounding.
 * @throws Error for an unknown currency code or a value that is not a decimal
 */
export function calculateDocumentAmounts(currency: string, lines: readonly TaxLineInput[]): DocumentAmounts {
  const scale = minorUnits(currency);
  const format = (value: Decimal) => value.toFixed(scale);
  let subtotal = new Decimal(0);
  let taxTotal = new Decimal(0);
  const byRate = new Map<string, { rate: string; base: Decimal; tax: Decimal }>();
  const amounts = lines.map((line): TaxLineAmounts => {
    const net = lineNet(line, currency);
    const tax = line.tax ? lineTax(net, line.tax.rate, currency) : new Decimal(0);
    subtotal = subtotal.plus(net);
    taxTotal = taxTotal.plus(tax);
    if (line.tax) {
      const sum = byRate.get(line.tax.taxRateId) ?? { rate: new Decimal(line.tax.rate).toFixed(), base: new Decimal(0), tax: new Decimal(0) };
      byRate.set(line.tax.taxRateId, { rate: sum.rate, base: sum.base.plus(net), tax: sum.tax.plus(tax) });
    }
    return { net: format(net), tax: format(tax), total: format(net.plus(tax)), taxRateId: line.tax?.taxRateId ?? null };
  });
  return {
    currency,
    lines: amounts,
    subtotal: format(subtotal),
    taxes: [...byRate].map(([taxRateId, sum]) => ({ taxRateId, rate: sum.rate, base: format(sum.base), tax: format(sum.tax) })),
    taxTotal: format(taxTotal),
    total: format(subtotal.plus(taxTotal)),
  };
}
