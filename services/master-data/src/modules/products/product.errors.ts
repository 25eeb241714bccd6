/** The products module's errors; an unknown category is the categories module's UNKNOWN_CATEGORY. */
import { conflict, invalidState, type AppError } from "@erp/errors";

export const PRODUCT_HAS_STOCK = "PRODUCT_HAS_STOCK";
import { codeTaken } from "../../codes";

/**
 * 409 CONFLICT: another product of the organization has the SKU, ignoring case and surrounding
 * whitespace; `details[0]` is `{ path: "sku", message, existing: { id, code } }` (code: its SKU).
 */
export const skuTaken = (holder: { id: string; sku: string }): AppError => codeTaken("Product", { id: holder.id, code: holder.sku }, "sku");

/** 409 CONFLICT: stock movements refer to the product, so it can only be archived. */
export const productHasMovements = () => conflict("The product has stock movements; archive it instead");

/** 409 INVALID_STATE */
export const productAlreadyArchived = () => invalidState("The product is already archived");

/** 409 INVALID_STATE: an archived product is read-only until restored. */
export const productArchived = () => invalidState("The product is archived: restore it (POST /products/{id}/restore) before changing it");

/** 409 INVALID_STATE */
export const productNotArchived = () => invalidState("The product is not archived");

/** 409 PRODUCT_HAS_STOCK: its stock is valued in its currency, so the currency cannot change while it has stock. */
export const currencyLockedByStock = (currency: string): AppError =>
  conflict(`The currency cannot change while the product has stock: its stock is valued in ${currency}`, PRODUCT_HAS_STOCK, [
    { path: "currency", message: `The product has stock valued in ${currency}` },
  ]);
