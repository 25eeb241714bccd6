/** The tax rates' errors. */
import { conflict, invalidState, unprocessable } from "@erp/errors";

export const UNKNOWN_TAX_ACCOUNT = "UNKNOWN_TAX_ACCOUNT";
export const INVALID_TAX_ACCOUNT = "INVALID_TAX_ACCOUNT";
export const TAX_ACCOUNT_REQUIRED = "TAX_ACCOUNT_REQUIRED";
export const UNKNOWN_TAX_RATE = "UNKNOWN_TAX_RATE";
export const TAX_RATE_ARCHIVED = "TAX_RATE_ARCHIVED";
export const TAX_RATE_NOT_APPLICABLE = "TAX_RATE_NOT_APPLICABLE";

/** The codes `requireUsableTaxRate` answers with, for a document route's OpenAPI 422 list. */
export const TAX_RATE_USE_CODES = [UNKNOWN_TAX_RATE, TAX_RATE_ARCHIVED, TAX_RATE_NOT_APPLICABLE] as const;
export const PRODUCT_TAX_RATE_MISSING = "PRODUCT_TAX_RATE_MISSING";

/** 422 UNKNOWN_TAX_ACCOUNT: no such account in the organization. */
export const unknownTaxAccount = () => unprocessable(UNKNOWN_TAX_ACCOUNT, "The tax account does not exist", [{ path: "taxAccountId", message: "No such account" }]);

/** 422 INVALID_TAX_ACCOUNT: the account is a group, archived, or not of subtype tax (`why`). */
export const invalidTaxAccount = (code: string, why: string) =>
  unprocessable(INVALID_TAX_ACCOUNT, `Account ${code} ${why}: a tax rate posts to an active posting account of subtype tax`, [
    { path: "taxAccountId", message: why },
  ]);

/** 422 TAX_ACCOUNT_REQUIRED: none given and the chart has no active posting account of subtype tax to default to. */
export const taxAccountRequired = (type: string) =>
  unprocessable(TAX_ACCOUNT_REQUIRED, `The chart has no active ${type} posting account of subtype tax: give taxAccountId`, [
    { path: "taxAccountId", message: "Required: no default tax account" },
  ]);

/** 409 CONFLICT: tax rate names are unique in an organization. */
export const taxRateNameTaken = (name: string) => conflict(`A tax rate named "${name}" exists already`, "CONFLICT", [{ path: "name", message: "Taken" }]);

/** 409 CONFLICT: documents use the rate; archive it instead. */
export const taxRateInUse = () => conflict("Documents use the tax rate: archive it instead");

/** 409 INVALID_STATE */
export const taxRateAlreadyArchived = () => invalidState("The tax rate is archived already");
/** 409 INVALID_STATE */
export const taxRateNotArchived = () => invalidState("The tax rate is not archived");

/** 422 UNKNOWN_TAX_RATE naming `path` (a document line's `taxRateId`). */
export const unknownTaxRate = (path: string) => unprocessable(UNKNOWN_TAX_RATE, "No such tax rate", [{ path, message: "No such tax rate" }]);

/** 422 TAX_RATE_ARCHIVED naming `path`. */
export const taxRateArchived = (name: string, path: string) =>
  unprocessable(TAX_RATE_ARCHIVED, `The tax rate ${name} is archived`, [{ path, message: "The tax rate is archived" }]);

/** 422 TAX_RATE_NOT_APPLICABLE naming `path`: a purchase-only rate on a sale, or the other way round. */
export const taxRateNotApplicable = (name: string, usage: string, path: string) =>
  unprocessable(TAX_RATE_NOT_APPLICABLE, `The tax rate ${name} does not apply to ${usage === "sales" ? "sales" : "purchases"}`, [{ path, message: `Not a ${usage} tax rate` }]);

/** 422 PRODUCT_TAX_RATE_MISSING naming `path`: the product's tax rate has no active rate of that percentage for `usage`. */
export const productTaxRateMissing = (sku: string, rate: string, usage: "sales" | "purchase", path: string) =>
  unprocessable(
    PRODUCT_TAX_RATE_MISSING,
    `Product ${sku} is taxed at ${rate}% and the organization has no active ${usage} tax rate of ${rate}%: give taxRateId, or null for no tax`,
    [{ path, message: `No active ${usage} tax rate of ${rate}%` }],
  );
