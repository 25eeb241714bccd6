/**
 * The per-line rounding rule: hand-checked cases (three lines of 1/3, JPY without decimals, KWD with
 * three, half away from zero both ways) and properties over random documents (fast-check): totals
 * are exactly the sums of the rounded parts, each part is the exact value rounded once, and the
 * result is symmetric in sign.
 */
import fc from "fast-check";
import { Decimal } from "@erp/money";
import { calculateDocumentAmounts, lineNet, lineTax, roundToMinorUnit, type TaxLineInput } from "./tax-calculation";

const vat = (rate: string, taxRateId = `vat-${rate}`) => ({ taxRateId, rate });

describe("hand-checked cases", () => {
  it("three lines of a third: each rounded on its own, the totals are the sums of the rounded parts (not the rounded sum)", () => {
    const line = { quantity: "1", unitPrice: "33.3333", tax: vat("20") };
    const amounts = calculateDocumentAmounts("EUR", [line, line, line]);
    expect(amounts.lines).toEqual(Array(3).fill({ net: "33.33", tax: "6.67", total: "40.00", taxRateId: "vat-20" }));
    // Rounded globally the tax would be round(99.99 × 0.2) = 20.00; per line it is 3 × 6.67.
    expect(amounts).toMatchObject({ subtotal: "99.99", taxTotal: "20.01", total: "120.00" });
    expect(amounts.taxes).toEqual([{ taxRateId: "vat-20", rate: "20", base: "99.99", tax: "20.01" }]);
  });

  it("a third of a unit three times: 0.333 × 1.00 is 0.33 a line", () => {
    const amounts = calculateDocumentAmounts("CHF", Array(3).fill({ quantity: "0.333", unitPrice: "1.00", tax: vat("7.7") }));
    expect(amounts).toMatchObject({ subtotal: "0.99", taxTotal: "0.09", total: "1.08" });
    expect(amounts.lines[0]).toEqual({ net: "0.33", tax: "0.03", total: "0.36", taxRateId: "vat-7.7" });
  });

  it("JPY has no minor unit: nets and taxes are whole yen, half away from zero", () => {
    const amounts = calculateDocumentAmounts("JPY", [
      { quantity: "3", unitPrice: "333", tax: vat("10") }, // 999 → tax 99.9 → 100
      { quantity: "1", unitPrice: "99.5" }, // 99.5 → 100, no tax
      { quantity: "1", unitPrice: "1005", discountPercent: "10", tax: vat("8") }, // 904.5 → 905, tax 72.4 → 72
    ]);
    expect(amounts.lines.map((l) => [l.net, l.tax])).toEqual([["999", "100"], ["100", "0"], ["905", "72"]]);
    expect(amounts).toMatchObject({ subtotal: "2004", taxTotal: "172", total: "2176" });
    expect(amounts.taxes.map((t) => t.rate)).toEqual(["10", "8"]);
  });

  it("KWD has three decimals", () => {
    const amounts = calculateDocumentAmounts("KWD", [
      { quantity: "1", unitPrice: "1.2345", tax: vat("5") }, // 1.2345 → 1.235 (half away), tax 0.06175 → 0.062
      { quantity: "2", unitPrice: "0.0005", tax: vat("5") }, // 0.001, tax 0.00005 → 0.000
    ]);
    expect(amounts.lines.map((l) => [l.net, l.tax, l.total])).toEqual([["1.235", "0.062", "1.297"], ["0.001", "0.000", "0.001"]]);
    expect(amounts).toMatchObject({ subtotal: "1.236", taxTotal: "0.062", total: "1.298" });
  });

  it("half away from zero on both sides, a full discount, no tax rate", () => {
    expect(roundToMinorUnit("2.345", "EUR").toFixed()).toBe("2.35");
    expect(roundToMinorUnit("-2.345", "EUR").toFixed()).toBe("-2.35");
    expect(roundToMinorUnit("2.3449999", "EUR").toFixed()).toBe("2.34");
    expect(lineNet({ quantity: "5", unitPrice: "10", discountPercent: "100" }, "EUR").toFixed(2)).toBe("0.00");
    expect(lineTax("10.05", "0", "EUR").toFixed(2)).toBe("0.00");
    expect(calculateDocumentAmounts("EUR", [])).toEqual({ currency: "EUR", lines: [], subtotal: "0.00", taxes: [], taxTotal: "0.00", total: "0.00" });
  });
});

describe("properties", () => {
  const currencies = fc.constantFrom("EUR", "JPY", "KWD", "CHF", "BHD", "KRW");
  const decimal = (maxUnits: number, scale: number) =>
    fc.bigInt({ min: 0n, max: BigInt(maxUnits) * 10n ** BigInt(scale) }).map((n) => new Decimal(n.toString()).dividedBy(10 ** scale).toFixed());
  const line: fc.Arbitrary<TaxLineInput> = fc.record({
    quantity: decimal(10_000, 3),
    unitPrice: decimal(100_000, 4),
    discountPercent: fc.option(decimal(100, 2), { nil: undefined }),
    tax: fc.option(fc.record({ taxRateId: fc.constantFrom("a", "b", "c"), rate: decimal(30, 4) }), { nil: undefined }),
  });
  const document = fc.record({ currency: currencies, lines: fc.array(line, { maxLength: 12 }) });
  const scaleOf = (currency: string) => ({ EUR: 2, JPY: 0, KWD: 3, CHF: 2, BHD: 3, KRW: 0 })[currency]!;

  it("totals are exactly the sums of the rounded parts, with the currency's decimals", () => {
    fc.assert(
      fc.property(document, ({ currency, lines }) => {
        const amounts = calculateDocumentAmounts(currency, lines);
        const sum = (values: string[]) => values.reduce((total, value) => total.plus(value), new Decimal(0));
        expect(sum(amounts.lines.map((l) => l.net)).eq(amounts.subtotal)).toBe(true);
        expect(sum(amounts.lines.map((l) => l.tax)).eq(amounts.taxTotal)).toBe(true);
        expect(sum(amounts.taxes.map((t) => t.tax)).eq(amounts.taxTotal)).toBe(true);
        expect(new Decimal(amounts.subtotal).plus(amounts.taxTotal).eq(amounts.total)).toBe(true);
        expect(sum(amounts.lines.map((l) => l.total)).eq(amounts.total)).toBe(true);
        const decimals = scaleOf(currency);
        for (const value of [amounts.subtotal, amounts.taxTotal, amounts.total, ...amounts.lines.flatMap((l) => [l.net, l.tax, l.total])]) {
          expect(value.split(".")[1]?.length ?? 0).toBe(decimals);
        }
      }),
    );
  });

  it("each line's net and tax are the exact values rounded once, within half a minor unit", () => {
    fc.assert(
      fc.property(currencies, line, (currency, input) => {
        const [amounts] = calculateDocumentAmounts(currency, [input]).lines;
        const half = new Decimal(10).pow(-scaleOf(currency)).dividedBy(2);
        const exactNet = new Decimal(input.quantity).times(input.unitPrice).times(new Decimal(100).minus(input.discountPercent ?? 0)).dividedBy(100);
        expect(exactNet.minus(amounts!.net).abs().lte(half)).toBe(true);
        const exactTax = new Decimal(amounts!.net).times(input.tax?.rate ?? 0).dividedBy(100);
        expect(exactTax.minus(amounts!.tax).abs().lte(half)).toBe(true);
      }),
    );
  });

  it("symmetric in sign (half away from zero): a negated line gives the negated amounts", () => {
    fc.assert(
      fc.property(currencies, line, (currency, input) => {
        const [plain] = calculateDocumentAmounts(currency, [input]).lines;
        const [negated] = calculateDocumentAmounts(currency, [{ ...input, quantity: new Decimal(input.quantity).negated() }]).lines;
        expect(new Decimal(negated!.net).eq(new Decimal(plain!.net).negated())).toBe(true);
        expect(new Decimal(negated!.tax).eq(new Decimal(plain!.tax).negated())).toBe(true);
      }),
    );
  });
});
