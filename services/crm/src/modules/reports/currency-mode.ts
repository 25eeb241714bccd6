/** How a report's amounts relate to currencies, and what it says about it. */
import type { Conversion } from "./base-currency";

/**
 * none: no amounts. With the base currency known: base (every amount converted, or in it already),
 * mixed (some currencies have no rate: their amounts are only in the per-currency rows). Without
 * it: single (one currency), per_currency (several, each on its own, nothing added across them).
 */
export type CurrencyMode = "none" | "base" | "mixed" | "single" | "per_currency";

export interface CurrencyModeAnswer {
  currencyMode: CurrencyMode;
  note: string | null;
  /** The currencies that have no rate into the base currency on the date: in no base figure. */
  unconvertedCurrencies: string[];
}

/** `converted`: the currencies with a rate on the date (the base currency needs none). */
export function currencyMode(currencies: readonly string[], conversion: Conversion, converted: readonly string[]): CurrencyModeAnswer {
  const { baseCurrency, ratesAsOf } = conversion;
  if (currencies.length === 0) return { currencyMode: "none", note: null, unconvertedCurrencies: [] };
  if (baseCurrency === null) {
    if (currencies.length === 1) return { currencyMode: "single", note: null, unconvertedCurrencies: [...currencies] };
    return {
      currencyMode: "per_currency",
      note:
        `Amounts are in ${currencies.length} currencies (${currencies.join(", ")}): each is reported on its own, nothing is converted or added ` +
        "across currencies (the organization's base currency is not known to the CRM yet).",
      unconvertedCurrencies: [...currencies],
    };
  }
  const foreign = currencies.filter((currency) => currency !== baseCurrency);
  const unconverted = foreign.filter((currency) => !converted.includes(currency));
  const convertedForeign = foreign.filter((currency) => converted.includes(currency));
  const conversionNote =
    convertedForeign.length > 0 ? `${convertedForeign.join(", ")} converted to ${baseCurrency} at the latest rates effective on ${ratesAsOf}` : null;
  if (unconverted.length === 0) {
    return { currencyMode: "base", note: conversionNote && `Base figures in ${baseCurrency}: ${conversionNote}.`, unconvertedCurrencies: [] };
  }
  return {
    currencyMode: "mixed",
    note:
      `Base figures in ${baseCurrency} leave out ${unconverted.join(", ")} (no exchange rate effective on ${ratesAsOf}), reported per currency only` +
      (conversionNote ? `; ${conversionNote}.` : "."),
    unconvertedCurrencies: unconverted,
  };
}
