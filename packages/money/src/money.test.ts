import { amount, currencyCode, Decimal, decimalString, formatDecimal, formatMoney, minorUnits } from "./index";

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
