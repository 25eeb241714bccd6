/**
 * Decimal amounts and quantities: strings in JSON ("12.50"), numeric in PostgreSQL, `Decimal` in
 * between; never a JavaScript number.
 */
// The class Prisma returns for numeric columns in every service: arithmetic on values read from
// the database and values made here is one and the same decimal.js.
import { Decimal } from "@prisma/client/runtime/client";
import { z } from "zod";

export { Decimal };

type Sign = "positive" | "nonNegative" | "nonZero";

const signRules: Record<Sign, [(value: Decimal) => boolean, string]> = {
  positive: [(value) => value.gt(0), "Must be greater than 0"],
  nonNegative: [(value) => value.gte(0), "Must not be negative"],
  nonZero: [(value) => !value.isZero(), "Must not be 0"],
};

/**
 * The precision (total digits, the `p` of `numeric(p, s)`) of the project's default decimal
 * columns: master-data's prices, costs, quantities and credit limits are `numeric(18, s)`.
 * A column declared wider (finance's `numeric(20, 4)` amounts, the CRM's `numeric(20, 2)`) passes
 * its own precision.
 */
export const DEFAULT_DECIMAL_PRECISION = 18;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A zod schema for a decimal string stored in a `numeric(precision, scale)` column: at most `scale`
 * decimals and at most `precision - scale` digits before the decimal point (leading zeros not
 * counted), e.g. `decimalString(2, "nonNegative", "1250.00")` for `numeric(18, 2)`: up to
 * `9999999999999999.99`. Only `nonZero` values may carry a minus sign. `example` is what the
 * OpenAPI document shows. Each invalid value gets one message, the one that says what to change:
 * `Must be a decimal string with at most 2 decimals, e.g. "1250.00"`, `Must have at most 2 decimals`,
 * `Must have at most 16 digits before the decimal point`, or the sign rule's.
 * @throws Error at definition when `precision` is not above `scale` (a bug in the caller)
 */
export function decimalString(scale: number, sign: Sign, example: string, precision: number = DEFAULT_DECIMAL_PRECISION) {
  if (!Number.isInteger(scale) || !Number.isInteger(precision) || scale < 0 || precision <= scale) {
    throw new Error(`numeric(${precision}, ${scale}) leaves no digit before the decimal point`);
  }
  const integerDigits = precision - scale;
  // The form, for the OpenAPI document; the check gives each kind of mistake its own message.
  const pattern = `^${sign === "nonZero" ? "-?" : ""}\\d{1,${integerDigits}}${scale === 0 ? "" : `(\\.\\d{1,${scale}})?`}$`;
  const [rule, signMessage] = signRules[sign];
  return z
    .string()
    .superRefine((value, ctx) => {
      const problem = decimalProblem(value, { scale, integerDigits, example });
      if (problem !== undefined && problem !== "negative") ctx.addIssue({ code: "custom", message: problem });
      // Only nonZero values may carry a minus sign ("-0" included: it is 0).
      else if ((problem === "negative" && sign !== "nonZero") || !rule(new Decimal(value))) ctx.addIssue({ code: "custom", message: signMessage });
    })
    .meta({ example, pattern });
}

/** What is wrong with `value`'s form, or `"negative"` for a well-formed value with a minus sign (the sign rule decides). */
function decimalProblem(value: string, rules: { scale: number; integerDigits: number; example: string }): string | undefined {
  const match = DECIMAL.exec(value);
  if (!match || (rules.scale === 0 && match[3] !== undefined)) {
    const decimals = rules.scale === 0 ? "a whole number" : `a decimal string with at most ${rules.scale} decimals`;
    return `Must be ${decimals}, e.g. "${rules.example}"`;
  }
  const [, , integer = "", fraction = ""] = match;
  if (fraction.length > rules.scale) return `Must have at most ${rules.scale} decimals`;
  if (integer.replace(/^0+/, "").length > rules.integerDigits) {
    return `Must have at most ${rules.integerDigits} digits before the decimal point`;
  }
  return match[1] ? "negative" : undefined;
}

/** A money amount: 2 decimals, not negative ("1250.00"), in a `numeric(precision, 2)` column (default 18: 16 digits before the point). */
export const amount = (precision = DEFAULT_DECIMAL_PRECISION) => decimalString(2, "nonNegative", "1250.00", precision);
/** A cost per unit: 4 decimals, not negative ("12.5000"), in a `numeric(precision, 4)` column (default 18: 14 digits before the point). */
export const unitCost = (precision = DEFAULT_DECIMAL_PRECISION) => decimalString(4, "nonNegative", "12.5000", precision);
/** A quantity of goods: 3 decimals, greater than 0 ("10"), in a `numeric(precision, 3)` column (default 18: 15 digits before the point). */
export const quantity = (precision = DEFAULT_DECIMAL_PRECISION) => decimalString(3, "positive", "10", precision);

/** `12.5` → `"12.50"` at the column's scale (decimals), so clients always see the same form; null stays null. */
export function formatDecimal(value: Decimal, scale: number): string;
export function formatDecimal(value: Decimal | null, scale: number): string | null;
export function formatDecimal(value: Decimal | null, scale: number): string | null {
  return value === null ? null : value.toFixed(scale);
}
