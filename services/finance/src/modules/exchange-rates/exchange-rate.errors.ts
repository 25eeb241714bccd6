/** The exchange rates' errors. */
import { conflict, unprocessable } from "@erp/errors";

export const BASE_CURRENCY_RATE = "BASE_CURRENCY_RATE";

/** 422 BASE_CURRENCY_RATE: the base currency's rate is 1, always. */
export const baseCurrencyRate = (currency: string) =>
  unprocessable(BASE_CURRENCY_RATE, `${currency} is the base currency: its rate is always 1`, [{ path: "currency", message: "Is the base currency" }]);

/** 409 CONFLICT: one rate per currency and day. */
export const rateExists = (currency: string, date: string) =>
  conflict(`There is a ${currency} rate effective ${date} already: change it instead`, "CONFLICT", [
    { path: "effectiveDate", message: "Taken for this currency" },
  ]);
