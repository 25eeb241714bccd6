/**
 * Decimal amounts and quantities: strings in JSON ("12.50"), numeric in Postgres, Prisma.Decimal in
 * between; never a JavaScript number.
 */
import { z } from "@erp/http-kit";
import { Prisma } from "./generated/prisma/client";

export const Decimal = Prisma.Decimal;
export type Decimal = Prisma.Decimal;

type Sign = "positive" | "nonNegative" | "nonZero";

const signRules: Record<Sign, [(value: Prisma.Decimal) => boolean, string]> = {
  positive: [(value) => value.gt(0), "Must be greater than 0"],
  nonNegative: [(value) => value.gte(0), "Must not be negative"],
  nonZero: [(value) => !value.isZero(), "Must not be 0"],
};

/** A decimal string with at most `scale` decimals and 15 integer digits. */
export function decimalString(scale: number, sign: Sign, example: string) {
  const pattern = sign === "nonZero" ? `^-?\\d{1,15}(\\.\\d{1,${scale}})?$` : `^\\d{1,15}(\\.\\d{1,${scale}})?$`;
  const [rule, message] = signRules[sign];
  const format = new RegExp(pattern);
  return z
    .string()
    .regex(format, `Must be a decimal string with at most ${scale} decimals, e.g. "${example}"`)
    // zod runs every check; only a well-formed value can be compared.
    .refine((value) => !format.test(value) || rule(new Prisma.Decimal(value)), message)
    .openapi({ example });
}

export const amount = () => decimalString(2, "nonNegative", "1250.00");
export const unitCost = () => decimalString(4, "nonNegative", "12.5000");
export const quantity = () => decimalString(3, "positive", "10");

/** `12.5` → `"12.50"` at the column's scale, so clients always see the same form. */
export function formatDecimal(value: Prisma.Decimal, scale: number): string;
export function formatDecimal(value: Prisma.Decimal | null, scale: number): string | null;
export function formatDecimal(value: Prisma.Decimal | null, scale: number): string | null {
  return value === null ? null : value.toFixed(scale);
}

// Intl knows the ISO 4217 codes this runtime can format.
const currencies = new Set(Intl.supportedValuesOf("currency"));

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "Must be an ISO 4217 code such as USD")
  .refine((code) => currencies.has(code), "Unknown ISO 4217 currency code")
  .describe("ISO 4217 currency code");
