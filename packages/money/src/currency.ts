/** ISO 4217 currency codes and their minor units (how many decimals an amount in them has). */
import { z } from "zod";
import { Decimal } from "./decimal";

// Intl knows the ISO 4217 codes this runtime can format.
const currencies = new Set(Intl.supportedValuesOf("currency"));

/**
 * ISO 4217's minor units where they are not 2. Intl's fraction digits follow CLDR's display
 * conventions instead (e.g. HUF and ISK differ), so the standard's table is kept here.
 */
const MINOR_UNITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** A zod schema for an ISO 4217 code this runtime knows, upper case: `EUR`. */
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "Must be an ISO 4217 code such as USD")
  .refine((code) => currencies.has(code), "Unknown ISO 4217 currency code")
  .describe("ISO 4217 currency code")
  .meta({ example: "EUR" });

/** True for an upper-case ISO 4217 code this runtime knows. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && currencies.has(code);
}

/**
 * The decimals of an amount in `currency` under ISO 4217: 2 for EUR, 0 for JPY, 3 for KWD.
 * Codes without minor units in the standard (gold, SDR, test codes) count as 2.
 * @throws Error for a code that is not a known ISO 4217 code (a bug: codes are validated first)
 */
export function minorUnits(currency: string): number {
  if (!isCurrencyCode(currency)) throw new Error(`Unknown ISO 4217 currency code: ${currency}`);
  return MINOR_UNITS[currency] ?? 2;
}

/**
 * An amount as a string with exactly the currency's minor units, rounded half away from zero:
 * `formatMoney("12.5", "EUR")` → `"12.50"`, `formatMoney("1234.5", "JPY")` → `"1235"`.
 * @throws Error for an unknown currency code or a value that is not a number
 */
export function formatMoney(value: Decimal | string, currency: string): string {
  return new Decimal(value).toFixed(minorUnits(currency), Decimal.ROUND_HALF_UP);
}
