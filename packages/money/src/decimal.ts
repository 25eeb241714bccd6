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
 * A zod schema for a decimal string with at most `scale` decimals and 15 integer digits, e.g.
 * `decimalString(2, "nonNegative", "1250.00")`. Only `nonZero` values may carry a minus sign.
 * `example` is what the OpenAPI document shows.
 */
export function decimalString(scale: number, sign: Sign, example: string) {
  const pattern = sign === "nonZero" ? `^-?\\d{1,15}(\\.\\d{1,${scale}})?$` : `^\\d{1,15}(\\.\\d{1,${scale}})?$`;
  const [rule, message] = signRules[sign];
  const format = new RegExp(pattern);
  return z
    .string()
    .regex(format, `Must be a decimal string with at most ${scale} decimals, e.g. "${example}"`)
    // zod runs every check; only a well-formed value can be compared.
    .refine((value) => !format.test(value) || rule(new Decimal(value)), message)
    .meta({ example });
}

/** A money amount: 2 decimals, not negative ("1250.00"). */
export const amount = () => decimalString(2, "nonNegative", "1250.00");
/** A cost per unit: 4 decimals, not negative ("12.5000"). */
export const unitCost = () => decimalString(4, "nonNegative", "12.5000");
/** A quantity of goods: 3 decimals, greater than 0 ("10"). */
export const quantity = () => decimalString(3, "positive", "10");

/** `12.5` → `"12.50"` at the column's scale (decimals), so clients always see the same form; null stays null. */
export function formatDecimal(value: Decimal, scale: number): string;
export function formatDecimal(value: Decimal | null, scale: number): string | null;
export function formatDecimal(value: Decimal | null, scale: number): string | null {
  return value === null ? null : value.toFixed(scale);
}
