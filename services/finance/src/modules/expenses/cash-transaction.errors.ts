/** Expenses' and other revenue's errors: each business rule a 422 with its code and the request field it concerns. */
import { invalidState, unprocessable } from "@erp/errors";

export const INVALID_CATEGORY_ACCOUNT = "INVALID_CATEGORY_ACCOUNT";
export const AMOUNT_NOT_POSITIVE = "AMOUNT_NOT_POSITIVE";

/** 422 INVALID_CATEGORY_ACCOUNT naming accountId: a group, archived, of another type or in another currency (`why`). */
export const invalidCategoryAccount = (code: string, why: string, type: string) =>
  unprocessable(INVALID_CATEGORY_ACCOUNT, `Account ${code} ${why}: it must be an active posting account of type ${type}`, [{ path: "accountId", message: why }]);

/** 422 AMOUNT_NOT_POSITIVE naming amount: the tax would take all of it (a net of 0). */
export const amountNotPositive = () =>
  unprocessable(AMOUNT_NOT_POSITIVE, "The amount leaves no net amount once the tax is taken out", [{ path: "amount", message: "Too small for its tax" }]);

/** 409 INVALID_STATE: voided already. */
export const cashTransactionVoid = (label: string) => invalidState(`The ${label.toLowerCase()} is void`);
