/** The transfers' error codes and builders. */
import { invalidState, unprocessable } from "@erp/errors";

export const TO_AMOUNT_REQUIRED = "TO_AMOUNT_REQUIRED";
export const TO_AMOUNT_MISMATCH = "TO_AMOUNT_MISMATCH";
export const INVALID_FEE_ACCOUNT = "INVALID_FEE_ACCOUNT";

export const toAmountRequired = (currency: string, toCurrency: string) =>
  unprocessable(TO_AMOUNT_REQUIRED, `The accounts hold ${currency} and ${toCurrency}: say what reaches the destination`, [
    { path: "toAmount", message: `Required: the amount in ${toCurrency}` },
  ]);

export const toAmountMismatch = () =>
  unprocessable(TO_AMOUNT_MISMATCH, "Both accounts hold the same currency: what arrives is what leaves", [{ path: "toAmount", message: "Must equal amount (or leave it out)" }]);

export const invalidFeeAccount = (code: string, why: string) =>
  unprocessable(INVALID_FEE_ACCOUNT, `Account ${code} cannot take a fee: it ${why}`, [{ path: "fee.accountId", message: `Account ${code} ${why}` }]);

export const bankTransferVoid = () => invalidState("The transfer is void");
