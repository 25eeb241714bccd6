/** The stock module's business-rule errors (422), one code per rule. */
import { unprocessable } from "@erp/errors";
import { formatDecimal, type Decimal } from "@erp/money";

export const UNKNOWN_PRODUCT = "UNKNOWN_PRODUCT";
export const NOT_A_STOCK_ITEM = "NOT_A_STOCK_ITEM";
export const NO_DEFAULT_WAREHOUSE = "NO_DEFAULT_WAREHOUSE";
export const UNKNOWN_WAREHOUSE = "UNKNOWN_WAREHOUSE";
export const INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";

/** Every code a stock movement can be refused with. */
export const STOCK_MOVEMENT_CODES = [UNKNOWN_PRODUCT, NOT_A_STOCK_ITEM, NO_DEFAULT_WAREHOUSE, UNKNOWN_WAREHOUSE, INSUFFICIENT_STOCK];

/** The product is not one of the organization's. */
export const unknownProduct = () => unprocessable(UNKNOWN_PRODUCT, "The product does not exist", [{ path: "productId", message: "No such product" }]);

/** Services and non-stock products have no stock to move. */
export const notAStockItem = (type: string) =>
  unprocessable(NOT_A_STOCK_ITEM, "Only stock items have stock", [{ path: "productId", message: `A ${type} product has no stock` }]);

/** `path` is the warehouse field that was left out. */
export const noDefaultWarehouse = (path: string) =>
  unprocessable(NO_DEFAULT_WAREHOUSE, "No warehouse given and the organization has no default warehouse", [{ path, message: "Required" }]);

/** The warehouse is not one of the organization's; `path` is the field that named it. */
export const unknownWarehouse = (path: string) => unprocessable(UNKNOWN_WAREHOUSE, "The warehouse does not exist", [{ path, message: "No such warehouse" }]);

/** The movement would take the quantity on hand (`onHand`) below zero and the organization does not allow that. */
export const insufficientStock = (onHand: Decimal) =>
  unprocessable(INSUFFICIENT_STOCK, "Not enough stock on hand", [{ path: "quantity", message: `Only ${formatDecimal(onHand, 3)} on hand in this warehouse` }]);
