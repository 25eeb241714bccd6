/** The ledger set-up's errors. */
import { AppError } from "@erp/errors";

/**
 * 503 LEDGER_UNAVAILABLE: finance has not heard of the organization yet and the tenant service
 * could not tell it the base currency; trying again later works.
 */
export const ledgerUnavailable = (reason: string) =>
  new AppError("LEDGER_UNAVAILABLE", `The organization's ledger cannot be set up yet: ${reason}`, 503);

export const LEDGER_UNAVAILABLE = "LEDGER_UNAVAILABLE";
