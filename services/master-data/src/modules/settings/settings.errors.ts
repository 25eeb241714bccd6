/** The settings module's errors: what records that default to a setting answer when it is unknown. */
import { unprocessable, type AppError } from "@erp/errors";

export const CURRENCY_REQUIRED = "CURRENCY_REQUIRED";

/** 422 CURRENCY_REQUIRED: no currency was given and the organization's base currency is not known here yet. */
export const currencyRequired = (): AppError =>
  unprocessable(CURRENCY_REQUIRED, "Give a currency: the organization's base currency is not known yet", [
    { path: "currency", message: "Required until the organization's base currency is known" },
  ]);
