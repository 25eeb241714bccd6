/** The products module's errors; an unknown category is the categories module's UNKNOWN_CATEGORY. */
import { conflict, invalidState } from "@erp/errors";

/** 409 CONFLICT: another product of the organization has the SKU. */
export const skuTaken = (sku: string | undefined) => conflict(`A product with SKU ${sku} already exists`);

/** 409 CONFLICT: stock movements refer to the product, so it can only be archived. */
export const productHasMovements = () => conflict("The product has stock movements; archive it instead");

/** 409 INVALID_STATE */
export const productAlreadyArchived = () => invalidState("The product is already archived");
