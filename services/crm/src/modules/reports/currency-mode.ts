/** How a report's amounts relate to currencies, and what it says about it. */
export type CurrencyMode = "none" | "single" | "per_currency";

export function currencyMode(currencies: readonly string[]): { currencyMode: CurrencyMode; note: string | null } {
  if (currencies.length > 1) {
    return {
      currencyMode: "per_currency",
      note: `Amounts are in ${currencies.length} currencies (${currencies.join(", ")}): each is reported on its own, nothing is converted or added across currencies.`,
    };
  }
  return { currencyMode: currencies.length === 1 ? "single" : "none", note: null };
}
