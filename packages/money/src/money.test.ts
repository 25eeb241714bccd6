import { amount, currencyCode, Decimal, decimalString, formatDecimal, formatMoney, minorUnits, quantity, unitCost } from "./index";

describe("decimal strings", () => {
  it.each([
    ["1250.00", true],
    ["0", true],
    ["1250.005", false],
    ["-1", false],
    ["1e3", false],
    ["12.", false],
  ])("amount() given %j accepts it: %s", (value, ok) => {
    expect(amount().safeParse(value).success).toBe(ok);
  });

  it("a non-zero decimal may be negative but not 0", () => {
    const delta = decimalString(3, "nonZero", "-1.5");
    expect(delta.safeParse("-1.5").success).toBe(true);
    expect(delta.safeParse("0.000").error?.issues.map((i) => i.message)).toEqual(["Must not be 0"]);
  });

  const messages = (schema: { safeParse(v: unknown): { error?: { issues: { message: string }[] } } }, value: string) =>
    schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

  it("bounds the digits before the decimal point by the column's numeric(p, s), default numeric(18, s)", () => {
    // numeric(18, 2): 16 integer digits; numeric(18, 4): 14; numeric(18, 3): 15.
    expect(messages(amount(), "9999999999999999.99")).toEqual([]);
    expect(messages(amount(), "99999999999999999999.99")).toEqual(["Must have at most 16 digits before the decimal point"]);
    expect(messages(unitCost(), "99999999999999.9999")).toEqual([]);
    expect(messages(unitCost(), "999999999999999.9999")).toEqual(["Must have at most 14 digits before the decimal point"]);
    expect(messages(quantity(), "999999999999999")).toEqual([]);
    expect(messages(quantity(), "9999999999999999")).toEqual(["Must have at most 15 digits before the decimal point"]);
    // A wider column passes its precision: finance's numeric(20, 4), the CRM's numeric(20, 2).
    expect(messages(decimalString(4, "positive", "1", 20), "9999999999999999.9999")).toEqual([]);
    expect(messages(amount(20), "999999999999999999.99")).toEqual([]);
    expect(messages(amount(20), "9999999999999999999")).toEqual(["Must have at most 18 digits before the decimal point"]);
    // Leading zeros are not digits the column has to hold.
    expect(messages(amount(), "0009999999999999999.5")).toEqual([]);
  });

  it("says which rule a value breaks, once", () => {
    expect(messages(amount(), "1250.005")).toEqual(["Must have at most 2 decimals"]);
    expect(messages(amount(), "12.")).toEqual(['Must be a decimal string with at most 2 decimals, e.g. "1250.00"']);
    expect(messages(amount(), "-1")).toEqual(["Must not be negative"]);
    expect(messages(quantity(), "0")).toEqual(["Must be greater than 0"]);
    expect(messages(decimalString(0, "nonNegative", "3"), "3.0")).toEqual(['Must be a whole number, e.g. "3"']);
    expect(() => decimalString(4, "positive", "1", 4)).toThrow("numeric(4, 4) leaves no digit before the decimal point");
  });

  it("documents the accepted form as a pattern", () => {
    expect(amount().meta()).toMatchObject({ example: "1250.00", pattern: "^\\d{1,16}(\\.\\d{1,2})?$" });
    expect(decimalString(0, "nonZero", "-2").meta()).toMatchObject({ pattern: "^-?\\d{1,18}$" });
  });

  it("formats at the column's scale and keeps null", () => {
    expect(formatDecimal(new Decimal("12.5"), 2)).toBe("12.50");
    expect(formatDecimal(null, 2)).toBeNull();
  });
});

describe("currencies", () => {
  it("accepts known ISO 4217 codes only", () => {
    expect(currencyCode.safeParse("EUR").success).toBe(true);
    expect(currencyCode.safeParse("eur").success).toBe(false);
    expect(currencyCode.safeParse("ABC").success).toBe(false);
  });

  it.each([
    ["EUR", 2],
    ["JPY", 0],
    ["ISK", 0],
    ["KWD", 3],
    ["TND", 3],
  ])("%s has %i minor units", (code, units) => {
    expect(minorUnits(code)).toBe(units);
  });

  it("formats an amount at its currency's minor units, rounding half away from zero", () => {
    expect(formatMoney("12.5", "EUR")).toBe("12.50");
    expect(formatMoney("1234.5", "JPY")).toBe("1235");
    expect(formatMoney(new Decimal("-0.0005"), "BHD")).toBe("-0.001");
    expect(() => minorUnits("XYZ")).toThrow("Unknown ISO 4217 currency code: XYZ");
  });
});
